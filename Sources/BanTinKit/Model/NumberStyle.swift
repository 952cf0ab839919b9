/// Writes counts the way readers expect: Vietnamese groups thousands with "." (892.762), so that is the
/// default; `thousands_separator` in templates/locale.yml changes it.
public struct NumberStyle: Sendable, Equatable {
    public var thousandsSeparator: String

    public init(thousandsSeparator: String = ".") {
        self.thousandsSeparator = thousandsSeparator
    }

    /// 892762 → "892.762"; -1234 → "-1.234".
    public func format(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { grouped += thousandsSeparator }
            grouped.append(digit)
        }
        return number < 0 ? "-" + grouped : grouped
    }
}
