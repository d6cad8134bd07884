import TollgateKit

/// How a recipient's Data Privacy Framework certification stands for one framework (`EU` for
/// the EU-US DPF, `UK` for its UK Extension, `CH` for the Swiss-US DPF) on a day: what PRIV-012
/// and PRIV-017 ask before an adequacy decision that covers only certified US organisations
/// applies. Each rule words the outcome for its own law.
enum DPFStanding {
    /// Certified under the framework and checked within the allowed age.
    case current
    /// Certified under the framework, but last checked too long ago (or never).
    case stale(checkedOn: Day?)
    /// Certified under the framework, but the check is dated after the as-of date, so it was not
    /// on record on that day.
    case postdated(checkedOn: Day)
    /// Certified, but not under this framework.
    case outsideFramework(frameworks: [String])
    case notCertified

    init(_ dpf: DPFCertification?, framework: String, maxAgeDays: Int, asOf: Day) {
        guard let dpf, dpf.certified else {
            self = .notCertified
            return
        }
        guard dpf.frameworks.contains(framework) else {
            self = .outsideFramework(frameworks: dpf.frameworks)
            return
        }
        if let checked = dpf.checkedOn, asOf < checked {
            self = .postdated(checkedOn: checked)
        } else if let checked = dpf.checkedOn, checked.days(until: asOf) <= maxAgeDays {
            self = .current
        } else {
            self = .stale(checkedOn: dpf.checkedOn)
        }
    }
}
