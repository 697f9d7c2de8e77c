public import Foundation

/// ISO 8601 timestamps with an explicit offset (`2026-03-09T09:00:00-04:00`), as Runnel prints them.
public enum Timestamp {
    /// `date` as local time in `timeZone` with its UTC offset (`+00:00` for UTC, never `Z`).
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = Int64((date.timeIntervalSince1970).rounded(.down)) + Int64(offset)
        let days = Int64((Double(local) / 86_400).rounded(.down))
        let secondsOfDay = local - days * 86_400
        let (year, month, day) = CivilTime.date(days: Int(days))
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return String(format: "%04d-%02d-%02dT%02lld:%02lld:%02lld%@%02d:%02d",
                      year, month, day, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60,
                      sign, magnitude / 3600, magnitude / 60 % 60)
    }

    /// Parses `2026-03-08T01:30:00-05:00`, `…Z`, or a local `2026-03-08T01:30[:00]` /
    /// `2026-03-08` read in `timeZone`. Returns `nil` for anything else.
    public static func parse(_ text: String, defaultTimeZone timeZone: TimeZone) -> Date? {
        let isoFormatter = ISO8601DateFormatter()
        isoFormatter.formatOptions = [.withInternetDateTime]
        if let date = isoFormatter.date(from: text) { return date }
        isoFormatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = isoFormatter.date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
