/// What kind of credential the secret scanner recognised (see `SecretScanner`).
public enum SecretKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case privateKey = "private_key"
    case awsAccessKeyID = "aws_access_key_id"
    case githubToken = "github_token"
    case slackToken = "slack_token"
    case slackWebhook = "slack_webhook"
    case stripeSecretKey = "stripe_secret_key"
    case googleAPIKey = "google_api_key"
    case sendGridAPIKey = "sendgrid_api_key"
    case mailchimpAPIKey = "mailchimp_api_key"
    case jwt
    case urlCredentials = "url_credentials"
    case credentialField = "credential_field"
    case highEntropy = "high_entropy"

    /// A name for messages: "GitHub token".
    public var title: String {
        switch self {
        case .privateKey: return "private key (PEM)"
        case .awsAccessKeyID: return "AWS access key id"
        case .githubToken: return "GitHub token"
        case .slackToken: return "Slack token"
        case .slackWebhook: return "Slack webhook URL"
        case .stripeSecretKey: return "Stripe secret key"
        case .googleAPIKey: return "Google API key"
        case .sendGridAPIKey: return "SendGrid API key"
        case .mailchimpAPIKey: return "Mailchimp API key"
        case .jwt: return "JSON Web Token"
        case .urlCredentials: return "password in a URL"
        case .credentialField: return "credential value"
        case .highEntropy: return "high-entropy string"
        }
    }

    /// How many leading characters a masked preview may show: only a format's fixed, public
    /// prefix (`AKIA`, `ghp_`), never a character that is part of the secret itself.
    var visiblePrefix: Int {
        switch self {
        case .awsAccessKeyID, .githubToken, .slackToken, .stripeSecretKey, .googleAPIKey: return 4
        case .sendGridAPIKey, .jwt: return 3
        default: return 0
        }
    }

    public static func < (lhs: SecretKind, rhs: SecretKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
