import Foundation

/// `cron`, `timezone` and `schedule-inputs`: a schedule's cron expression parses (the
/// column points at the bad field), its time zone is a known IANA name, and the inputs it
/// passes are declared, of the right type, and cover every required input.
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
            checkInputs(schedule, &context)
        }
    }

    private static func checkInputs(_ schedule: ScheduleTrigger, _ context: inout RuleContext) {
        let specs = context.workflow.inputs
        let given = schedule.inputs?.members ?? []
        for member in given {
            guard let spec = specs.first(where: { $0.name.value == member.key.value }) else {
                context.error("schedule passes input '\(member.key.value)' which is not declared in 'inputs'",
                              at: member.key.location, rule: "schedule-inputs")
                continue
            }
            if case .string(let text) = member.value.kind, Template.containsExpression(text) { continue }
            if !spec.type.accepts(member.value.json) {
                context.error("schedule input '\(member.key.value)' must be \(InputDefaultRule.article(spec.type)), not \(member.value.typeDescription)",
                              at: member.value.location, rule: "schedule-inputs")
            }
        }
        for spec in specs where spec.required && spec.defaultValue == nil {
            if !given.contains(where: { $0.key.value == spec.name.value }) {
                context.error("schedule does not pass required input '\(spec.name.value)', so its runs would be refused",
                              at: schedule.cron.location, rule: "schedule-inputs")
            }
        }
    }
}
