/// Resource limits for one sandboxed check; task.yaml's `limits` overrides the defaults key by key.
public struct ExecutionLimits: Sendable, Hashable {
    /// Wall-clock limit per check; a check's own `timeout_seconds` takes precedence.
    public var wallSeconds: Double = 10
    /// RLIMIT_DATA (heap and anonymous mappings; not RLIMIT_AS, which breaks V8's address reservations).
    public var memoryMiB: Int = 1024
    public var processes: Int = 64
    public var openFiles: Int = 256
    public var fileSizeMiB: Int = 16
    /// Bytes kept from each of stdout and stderr; the rest is drained and dropped.
    public var outputKiB: Int = 1024

    public init() {}

    /// CPU-time limit: the wall limit plus one second.
    public func cpuSeconds(wall: Double) -> Int { Int(wall.rounded(.up)) + 1 }
}

extension ExecutionLimits: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        self = try Self.decode(node, over: ExecutionLimits())
    }

    /// The keys given in `node` over `defaults`; `wall: false` refuses `wall_seconds` (set elsewhere).
    public static func decode(_ node: ConfigNode, over defaults: ExecutionLimits, wall: Bool = true) throws(ConfigError) -> ExecutionLimits {
        let object = try ConfigObject(node)
        var limits = defaults
        if wall { limits.wallSeconds = try object.optional("wall_seconds", default: defaults.wallSeconds) }
        limits.memoryMiB = try object.optional("memory_mib", default: defaults.memoryMiB)
        limits.processes = try object.optional("processes", default: defaults.processes)
        limits.openFiles = try object.optional("open_files", default: defaults.openFiles)
        limits.fileSizeMiB = try object.optional("file_size_mib", default: defaults.fileSizeMiB)
        limits.outputKiB = try object.optional("output_kib", default: defaults.outputKiB)
        try object.rejectUnknownKeys()
        try object.check("wall_seconds", limits.wallSeconds > 0 && limits.wallSeconds <= 3600, expected: "from 0 to 3600 seconds")
        try object.check("memory_mib", (16...65536).contains(limits.memoryMiB), expected: "from 16 to 65536 MiB")
        try object.check("processes", (1...4096).contains(limits.processes), expected: "from 1 to 4096 processes")
        try object.check("open_files", (16...65536).contains(limits.openFiles), expected: "from 16 to 65536 open files")
        try object.check("file_size_mib", (1...65536).contains(limits.fileSizeMiB), expected: "from 1 to 65536 MiB")
        try object.check("output_kib", (1...1_048_576).contains(limits.outputKiB), expected: "from 1 to 1048576 KiB")
        return limits
    }
}
