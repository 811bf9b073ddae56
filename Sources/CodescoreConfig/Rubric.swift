import Foundation

/// What the judge scores a sample on: weighted criteria, each scored 0–10 against anchored descriptions.
/// Every task has one: its category's default, or the default overridden and extended by `rubric:` in
/// task.yaml (docs/judge.md). The resolved rubric is part of the task hash.
public struct Rubric: Sendable, Hashable, Codable {
    public struct Criterion: Sendable, Hashable, Codable {
        /// Lowercase identifier; the metric is `judge.<name>`.
        public var name: String
        public var description: String
        /// What a 0, a 5 and a 10 mean for this criterion.
        public var anchors: Anchors
        public var weight: Double

        public init(name: String, description: String, anchors: Anchors, weight: Double) {
            self.name = name
            self.description = description
            self.anchors = anchors
            self.weight = weight
        }
    }

    public struct Anchors: Sendable, Hashable, Codable {
        public var zero: String
        public var five: String
        public var ten: String

        public init(zero: String, five: String, ten: String) {
            self.zero = zero
            self.five = five
            self.ten = ten
        }

        enum CodingKeys: String, CodingKey {
            case zero = "0", five = "5", ten = "10"
        }
    }

    public var criteria: [Criterion]

    public init(criteria: [Criterion]) { self.criteria = criteria }

    public var criterionNames: [String] { criteria.map(\.name) }

    /// The weighted mean of per-criterion scores; nil when a criterion has no score.
    public func overall(_ scores: [String: Double]) -> Double? {
        var sum = 0.0, weights = 0.0
        for criterion in criteria {
            guard let score = scores[criterion.name] else { return nil }
            sum += criterion.weight * score
            weights += criterion.weight
        }
        return weights > 0 ? sum / weights : nil
    }

    /// The rubric as canonical JSON, for the task hash and the judge prompt's identity.
    public var jsonValue: JSONValue {
        .array(criteria.map { criterion in
            .object([
                "name": .string(criterion.name), "description": .string(criterion.description), "weight": .number(criterion.weight),
                "anchors": .object(["0": .string(criterion.anchors.zero), "5": .string(criterion.anchors.five),
                                    "10": .string(criterion.anchors.ten)]),
            ])
        })
    }

    // MARK: Reading `rubric:` from task.yaml

    /// Resolves a task's `rubric:` value: absent, null or `default` is the category default; a mapping
    /// starts from the default (`extends: default`, the default) or from nothing (`extends: none`), drops
    /// the criteria listed in `remove`, then overrides same-named criteria and appends new ones.
    public static func resolve(_ node: ConfigNode?, category: TaskCategory) throws(ConfigError) -> Rubric {
        let base = categoryDefault(category)
        guard let node, !node.isNull else { return base }
        if case .string("default") = node.value { return base }
        guard case .object = node.value else {
            throw ConfigError.invalidValue(node.location, expected: "'default' or a rubric mapping (extends, remove, criteria)")
        }
        let object = try ConfigObject(node)
        let extends = try object.optional("extends", default: "default")
        try object.check("extends", ["default", "none"].contains(extends), expected: "'default' or 'none'")
        var criteria = extends == "default" ? base.criteria : []
        let remove = try object.optional("remove", default: [String]())
        for name in remove {
            guard criteria.contains(where: { $0.name == name }) else {
                throw ConfigError.invalidValue(object.node("remove")?.location ?? object.location,
                                               expected: "names of default criteria (\(base.criterionNames.joined(separator: ", "))), not '\(name)'")
            }
            criteria.removeAll { $0.name == name }
        }
        if let list = object.node("criteria") {
            guard case let .array(items) = list.value else {
                throw ConfigError.wrongType(list.location, expected: "a list of criteria", found: list.kindDescription)
            }
            var seen: Set<String> = []
            for item in items {
                let criterion = try decodeCriterion(item, existing: criteria)
                guard seen.insert(criterion.name).inserted else {
                    throw ConfigError.duplicate(item.location, what: "criterion '\(criterion.name)'", firstSeenIn: "the same rubric")
                }
                if let index = criteria.firstIndex(where: { $0.name == criterion.name }) {
                    criteria[index] = criterion
                } else {
                    criteria.append(criterion)
                }
            }
        }
        try object.rejectUnknownKeys()
        guard !criteria.isEmpty else {
            throw ConfigError.invalidValue(node.location, expected: "a rubric with at least one criterion")
        }
        return Rubric(criteria: criteria)
    }

    /// One criterion; a criterion that overrides an existing one may give only what changes (e.g. its weight).
    private static func decodeCriterion(_ node: ConfigNode, existing: [Criterion]) throws(ConfigError) -> Criterion {
        let object = try ConfigObject(node)
        let name: String = try object.required("name")
        try object.check("name", isValidName(name), expected: "a lowercase name of letters, digits and '_' (at most 40), not '\(name)'")
        let previous = existing.first { $0.name == name }
        let description: String? = try object.optional("description")
        let weight = try object.optional("weight", default: previous?.weight ?? 1)
        try object.check("weight", weight > 0 && weight <= 100 && weight.isFinite, expected: "a weight in (0, 100]")
        var anchors = previous?.anchors
        if let anchorObject = try object.optionalObject("anchors") {
            anchors = Anchors(zero: try anchorObject.required("0"), five: try anchorObject.required("5"),
                              ten: try anchorObject.required("10"))
            try anchorObject.rejectUnknownKeys()
        }
        try object.rejectUnknownKeys()
        guard let description = description ?? previous?.description else {
            throw ConfigError.missingKey(object.location, key: "description")
        }
        guard let anchors else { throw ConfigError.missingKey(object.location, key: "anchors") }
        for text in [description, anchors.zero, anchors.five, anchors.ten]
        where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ConfigError.invalidValue(object.location, expected: "non-blank description and anchors")
        }
        return Criterion(name: name, description: description, anchors: anchors, weight: weight)
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && name.first!.isLetter && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        } && name != "overall" && name != "agreement" && name != "suspected_manipulation"
    }
}

extension Rubric {
    /// The default rubric of a category: five shared criteria, plus accessibility (frontend) or test
    /// quality (testing).
    public static func categoryDefault(_ category: TaskCategory) -> Rubric {
        var criteria = [functionality, codeQuality, security, performance, errorHandling]
        switch category {
        case .frontend: criteria.append(accessibility)
        case .testing: criteria.append(testQuality)
        case .backend, .external: break
        }
        return Rubric(criteria: criteria)
    }

    static let functionality = Criterion(
        name: "functionality",
        description: "Does the code do what the task asks, for ordinary and edge-case inputs, in the required files and interface?",
        anchors: .init(
            zero: "Does not address the task, does not run, or the required files or interface are missing.",
            five: "The main path works but some stated requirements or obvious edge cases are wrong or missing.",
            ten: "Every stated requirement is met, edge cases included, with exactly the requested interface."),
        weight: 3)

    static let codeQuality = Criterion(
        name: "code_quality",
        description: "Is the code clear, idiomatic for its language, and easy to change?",
        anchors: .init(
            zero: "Unreadable: misleading names, dead or duplicated code, no structure.",
            five: "Understandable with effort; some duplication, long functions or non-idiomatic constructs.",
            ten: "Clear names and structure, idiomatic, no needless code; a reviewer would merge it as is."),
        weight: 1)

    static let security = Criterion(
        name: "security",
        description: "Does the code avoid vulnerabilities: injection, unsafe deserialization, secrets in code, missing authorization or escaping, timing leaks where relevant?",
        anchors: .init(
            zero: "An exploitable vulnerability (e.g. SQL or HTML injection, hard-coded secret, auth bypass).",
            five: "No direct exploit, but risky patterns (unvalidated input passed on, weak defaults).",
            ten: "Input validated or escaped at every boundary, safe APIs used, nothing exploitable."),
        weight: 2)

    static let performance = Criterion(
        name: "performance",
        description: "Are the algorithms and resource use appropriate for the task's expected sizes?",
        anchors: .init(
            zero: "Pathologically slow or unbounded (e.g. exponential work, unbounded memory, blocking forever).",
            five: "Works at expected sizes but with avoidable inefficiency (needless quadratic work, repeated I/O).",
            ten: "Appropriate algorithms and data structures; no avoidable work."),
        weight: 1)

    static let errorHandling = Criterion(
        name: "error_handling",
        description: "Are invalid inputs and failures detected and reported in the way the task asks?",
        anchors: .init(
            zero: "Errors crash, are swallowed silently, or corrupt state.",
            five: "Common errors are handled; some failure paths are ignored or reported unclearly.",
            ten: "Every invalid input and failure is handled deliberately, with clear, specified errors."),
        weight: 1)

    static let accessibility = Criterion(
        name: "accessibility",
        description: "Is the UI usable with a keyboard and a screen reader: semantic elements, labels, roles, focus, contrast?",
        anchors: .init(
            zero: "Unusable without a mouse or sight: click-only divs, unlabeled controls, no semantics.",
            five: "Mostly semantic, but some controls lack labels or keyboard access.",
            ten: "Semantic HTML throughout, every control labeled and keyboard-operable, state announced."),
        weight: 1)

    static let testQuality = Criterion(
        name: "test_quality",
        description: "Do the tests cover the edge cases and make assertions that fail when the code is wrong?",
        anchors: .init(
            zero: "No meaningful assertions: the tests pass whatever the code does.",
            five: "The main behaviour is asserted, but important edge cases or failure modes are untested.",
            ten: "Edge cases and failure modes covered with precise assertions that catch plausible bugs."),
        weight: 2)
}
