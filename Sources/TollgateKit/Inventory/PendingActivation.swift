/// Why an account that is not switched off has never been usable: its user was created in the
/// identity provider but not activated. Read from Okta's user `status` (Okta help, "About user
/// account status"); an account declared in YAML has none.
///
/// Such an account stays `enabled` (docs/importers.md, "Okta"): an activation, often automated
/// (an HR-driven import, an API call with `activate=true`, an admin's click), makes it usable
/// without the decision that re-enabling a suspended account takes, and a `PROVISIONED` user's
/// activation link is already out. The account rules say which it is rather than treat it as a
/// person who stopped signing in.
public enum PendingActivation: Sendable {
    /// Created, activation not started (Okta `STAGED`): no credential, so it cannot sign in until
    /// it is activated.
    case staged
    /// Activation started and not completed by the user (Okta `PROVISIONED`, "Pending user
    /// action"): whoever holds the activation e-mail's link can set the password and sign in.
    case provisioned
}
