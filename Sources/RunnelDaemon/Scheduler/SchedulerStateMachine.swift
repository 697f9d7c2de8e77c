public import Foundation
public import RunnelCore

/// Decides what the scheduler fires: every schedule of every active workflow in one timer
/// heap, driven by the time the caller passes in (a test passes a fake clock's time).
///
/// For each schedule it keeps the instant it has handled slots through (``handledThrough``);
/// the daemon persists that map, so that after a restart no slot fires twice and the slots
/// missed while it was down are caught up by the schedule's `catchup` policy:
/// - `none`: only a slot that is due now (within ``onTimeGrace``) fires;
/// - `last` (default): the latest due slot fires;
/// - `all`: every due slot fires, the latest ``catchupBound`` of them at most.
/// Every due slot that does not fire yields a `.skip` with its reason.
public struct SchedulerStateMachine: Sendable {
    /// How a schedule is registered.
    public struct Registration: Sendable {
        /// The cron expression in its time zone.
        public var schedule: CronSchedule
        /// What to do with slots missed while the scheduler was not running.
        public var catchup: CatchupPolicy

        /// Creates a registration.
        public init(schedule: CronSchedule, catchup: CatchupPolicy) {
            self.schedule = schedule
            self.catchup = catchup
        }
    }

    /// What to do now.
    public enum Action: Sendable, Equatable {
        /// Start a run for this slot.
        case fire(ScheduleKey, slot: Date)
        /// Record that this slot did not run, and why.
        case skip(ScheduleKey, slot: Date, reason: String)

        /// The schedule the action is for.
        public var key: ScheduleKey {
            switch self {
            case .fire(let key, _), .skip(let key, _, _): key
            }
        }
    }

    /// A slot this close to now counts as on time, not missed.
    public static let onTimeGrace: TimeInterval = 60
    /// The most missed slots `catchup: all` runs.
    public static let catchupBound = 100
    /// The most missed slots enumerated for one schedule; older ones are reported as one skip.
    public static let walkLimit = 1_000

    private var registrations: [ScheduleKey: Registration] = [:]
    private var timers = TimerHeap()
    /// For each registered schedule, the instant through which its slots are handled (fired
    /// or skipped). Persist it; pass it back to ``init(handledThrough:)`` after a restart.
    public private(set) var handledThrough: [ScheduleKey: Date]

    /// A scheduler that resumes from persisted state.
    public init(handledThrough: [ScheduleKey: Date] = [:]) {
        self.handledThrough = handledThrough
    }

    /// The registered schedules.
    public var keys: [ScheduleKey] { registrations.keys.sorted() }

    /// The registered schedules of one workflow.
    public func keys(of workflowID: String) -> [ScheduleKey] {
        registrations.keys.filter { $0.workflowID == workflowID }
    }

    /// Registers a schedule or replaces its registration (a changed cron keeps the state). A
    /// schedule never seen before starts at `now`: it does not catch up on the past.
    public mutating func register(_ key: ScheduleKey, _ registration: Registration, now: Date) {
        registrations[key] = registration
        let from = handledThrough[key] ?? now
        handledThrough[key] = from
        if let due = registration.schedule.next(after: from) {
            timers.set(key, due: due)
        } else {
            timers.remove(key)
        }
    }

    /// Stops a schedule (its workflow was deleted, paused or lost the schedule) and forgets
    /// its state: registering it again later starts from then.
    public mutating func unregister(_ key: ScheduleKey) {
        registrations[key] = nil
        handledThrough[key] = nil
        timers.remove(key)
    }

    /// Moves the schedules of a renamed workflow to its new id, with their state.
    public mutating func renameWorkflow(from old: String, to new: String, now: Date) {
        for key in keys where key.workflowID == old {
            let renamed = ScheduleKey(workflowID: new, name: key.name)
            let registration = registrations[key]
            let through = handledThrough[key]
            unregister(key)
            handledThrough[renamed] = through
            if let registration { register(renamed, registration, now: now) }
        }
    }

    /// When the next slot is due: sleep until then (or until something changes).
    public mutating func nextWake() -> Date? {
        timers.earliest()
    }

    /// The fires and skips due at `now`, in slot order; state moves past them.
    public mutating func tick(now: Date) -> [Action] {
        var actions: [(Date, Action)] = []
        for key in timers.popDue(now: now) {
            guard let registration = registrations[key] else { continue }
            let from = handledThrough[key] ?? now
            let (slots, truncated) = Self.dueSlots(registration.schedule, after: from, through: now)
            for action in Self.decide(key, slots: slots, truncated: truncated, from: from, policy: registration.catchup, now: now) {
                switch action {
                case .fire(_, let slot), .skip(_, let slot, _): actions.append((slot, action))
                }
            }
            let through = slots.last ?? from
            handledThrough[key] = through
            if let due = registration.schedule.next(after: through) { timers.set(key, due: due) }
        }
        return actions.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The slots in `(from, now]`, oldest first: the latest ``walkLimit`` of them, and
    /// whether older ones were left out.
    static func dueSlots(_ schedule: CronSchedule, after from: Date, through now: Date) -> ([Date], Bool) {
        var slots: [Date] = []
        var cursor = now.addingTimeInterval(1)
        while slots.count < walkLimit, let slot = schedule.previous(before: cursor), slot > from {
            slots.append(slot)
            cursor = slot
        }
        let truncated = slots.count == walkLimit && (schedule.previous(before: cursor).map { $0 > from } ?? false)
        return (slots.reversed(), truncated)
    }

    static func decide(_ key: ScheduleKey, slots: [Date], truncated: Bool, from: Date, policy: CatchupPolicy, now: Date) -> [Action] {
        var actions: [Action] = []
        if truncated, let oldest = slots.first {
            actions.append(.skip(key, slot: oldest.addingTimeInterval(-1),
                                 reason: "more than \(walkLimit) slots were missed since \(from.formatted(.iso8601)); the older ones did not run"))
        }
        for (index, slot) in slots.enumerated() {
            let onTime = now.timeIntervalSince(slot) <= onTimeGrace
            let isLast = index == slots.count - 1
            switch policy {
            case .none:
                actions.append(onTime ? .fire(key, slot: slot)
                               : .skip(key, slot: slot, reason: "missed while the scheduler was not running (catchup: none)"))
            case .last:
                actions.append(isLast ? .fire(key, slot: slot)
                               : .skip(key, slot: slot, reason: "superseded by a later slot (catchup: last)"))
            case .all:
                actions.append(slots.count - index <= catchupBound ? .fire(key, slot: slot)
                               : .skip(key, slot: slot, reason: "beyond the catch-up bound of \(catchupBound) slots (catchup: all)"))
            }
        }
        return actions
    }
}
