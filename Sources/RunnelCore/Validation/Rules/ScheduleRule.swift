import Foundation

/// `cron` and `timezone`: a schedule's cron expression parses (the column points at the bad
/// field) and its time zone is a known IANA name.
enum ScheduleRule: ValidationRule {
    static func check(_ context: inout RuleContext) {
        for schedule in context.workflow.triggers.schedules {
            do {
                _ = try CronExpression(parsing: schedule.cron.value)
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
