import TollgateKit

/// The passwords and accounts policy module (NIST SP 800-63B-4, CIS Controls v8.1).
public enum AccountRules {
    public static let all: [any Rule] = [
        AdminMFA()
    ]
}
