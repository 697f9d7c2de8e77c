import Foundation

/// `cron` and `timezone`: a schedule's cron expression parses (the column points at the bad
/// field), can fire at all (not `0 0 30 2 *`), and its time zone is a known IANA name.
enum ScheduleRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for schedule in context.workflow.triggers.schedules {
            do {
                let expression = try CronExpression(parsing: schedule.cron.value)
                if !expression.canMatchSomeDay {
                    context.error("cron '\(schedule.cron.value)' never fires: none of its months has any of its days of the month",
                                  at: schedule.cron.location, rule: "cron")
                }
            } catch {
                let location = context.text.location(ofOffset: error.offset, in: schedule.cron.value, at: schedule.cron.location)
                context.error("invalid cron '\(schedule.cron.value)': \(error.message)", at: location, rule: "cron")
            }
            if let zone = schedule.timezone, TimeZone.named(zone.value) == nil {
                var message = "unknown time zone '\(zone.value)'; use an IANA name such as America/New_York or UTC"
                if let suggestion = Spelling.closest(to: zone.value, in: TimeZone.knownTimeZoneIdentifiers) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                context.error(message, at: zone.location, rule: "timezone")
            }
        }
    }
}
