/// One of the five fields of a cron expression, with its bounds and names.
enum CronField: Int, CaseIterable, Sendable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    /// The name used in error messages.
    var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The smallest value the field accepts.
    var lowerBound: Int {
        switch self {
        case .minute, .hour, .dayOfWeek: 0
        case .dayOfMonth, .month: 1
        }
    }

    /// The largest value the field accepts (7 is Sunday again in the day-of-week field).
    var upperBound: Int {
        switch self {
        case .minute: 59
        case .hour: 23
        case .dayOfMonth: 31
        case .month: 12
        case .dayOfWeek: 7
        }
    }

    /// Whether the field accepts three-letter names.
    var acceptsNames: Bool { self == .month || self == .dayOfWeek }

    /// The value of a three-letter name (upper-cased), if the field has it.
    func value(ofName upper: String) -> Int? {
        switch self {
        case .month:
            CronField.monthNames.firstIndex(of: upper).map { $0 + 1 }
        case .dayOfWeek:
            CronField.weekdayNames.firstIndex(of: upper)
        default:
            nil
        }
    }

    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
}
