import Foundation

/// Reads a server's requested wait from `retry-after-ms`, or `Retry-After` in seconds or as an HTTP-date.
public enum RetryAfter {
    public static func seconds(headers: [(name: String, value: String)], now: Date = Date()) -> Double? {
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
                .trimmingCharacters(in: .whitespaces)
        }
        if let milliseconds = header("retry-after-ms").flatMap(Double.init), milliseconds >= 0 {
            return milliseconds / 1000
        }
        guard let value = header("retry-after") else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        guard let date = httpDate(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// IMF-fixdate (RFC 9110), plus the obsolete RFC 850 and asctime forms; always GMT.
    /// Parsed by hand: Foundation's DateFormatter is not safe to configure concurrently on Linux.
    static func httpDate(_ text: String) -> Date? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        var words = text.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").map { $0.lowercased() }
        guard words.count >= 5 else { return nil }
        words.removeFirst()  // the weekday
        let day, month, year: Int?
        let clock: String
        if let first = Int(words[0]) {  // IMF-fixdate "06 Nov 1994 08:49:37 GMT" or RFC 850 "06-Nov-94 08:49:37 GMT"
            day = first
            month = months.firstIndex(of: words[1]).map { $0 + 1 }
            year = Int(words[2]).map { $0 < 100 ? ($0 < 70 ? 2000 + $0 : 1900 + $0) : $0 }
            clock = words[3]
        } else {  // asctime "Nov  6 08:49:37 1994"
            month = months.firstIndex(of: words[0]).map { $0 + 1 }
            day = Int(words[1])
            clock = words[2]
            year = Int(words[3])
        }
        let time = clock.split(separator: ":").compactMap { Int($0) }
        guard let day, let month, let year, time.count == 3, (1...31).contains(day), time[0] < 24, time[1] < 60, time[2] < 61
        else { return nil }
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
