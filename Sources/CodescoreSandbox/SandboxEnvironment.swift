/// The environment of sandboxed code: built from nothing, never inherited.
public enum SandboxEnvironment {
    public static let base: [String: String] = [
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
    ]

    /// The base plus what a check declares, minus anything named like a credential, even if declared.
    public static func make(declared: [String: String]) -> [String: String] {
        var environment = base
        for (name, value) in declared where !isCredentialName(name) { environment[name] = value }
        return environment
    }

    /// Names that carry credentials in CI systems and model APIs.
    public static func isCredentialName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_API_KEY") || upper.hasSuffix("_TOKEN") || upper.hasPrefix("ACTIONS_")
            || upper.contains("SECRET") || upper.contains("PASSWORD") || upper == "CI_JOB_TOKEN" || upper == "GITHUB_TOKEN"
    }
}
