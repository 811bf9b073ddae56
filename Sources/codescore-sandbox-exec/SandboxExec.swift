// The launcher codescore places inside every sandbox (bound read-only at /.codescore/exec).
//
// It runs the check's command as its child with the resource limits applied, captures the child's stdout
// and stderr up to a cap (draining and counting the rest, so a flood never blocks), and reports how the
// child ended. Its own stdout carries only frames it writes itself: the child gets fresh pipes, and the
// launcher is non-dumpable, so sandboxed code cannot reach that channel through /proc. codescore therefore
// learns the outcome from the launcher's wait status, never from bwrap's exit code.
//
// Frames: one tag byte ('O' stdout, 'E' stderr, 'S' status JSON), a 4-byte big-endian length, the payload.
//
// Usage: codescore-sandbox-exec [--kill-namespace] [--data BYTES] [--nproc N] [--nofile N] [--fsize BYTES] [--cpu SECONDS]
//                               [--output-cap BYTES] -- COMMAND [ARGUMENTS...]
import CCodescoreSystem
import Glibc

struct Options {
    var limits: [(resource: Int32, value: UInt64)] = [(Int32(RLIMIT_CORE.rawValue), 0)]
    var outputCap = 1 << 20
    /// Inside a PID namespace only: SIGKILL every other process there once the child is done, so daemons
    /// it left behind are gone before the status is written. Never used outside a sandbox.
    var killNamespace = false
    var command: [String] = []
}

func parseOptions(_ arguments: [String]) -> Options? {
    var options = Options()
    var index = 1
    let resources: [String: Int32] = [
        "--data": Int32(RLIMIT_DATA.rawValue), "--nproc": Int32(__RLIMIT_NPROC.rawValue),
        "--nofile": Int32(RLIMIT_NOFILE.rawValue), "--fsize": Int32(RLIMIT_FSIZE.rawValue),
        "--cpu": Int32(RLIMIT_CPU.rawValue),
    ]
    while index < arguments.count {
        let argument = arguments[index]
        if argument == "--" {
            options.command = Array(arguments[(index + 1)...])
            return options.command.isEmpty ? nil : options
        }
        if argument == "--kill-namespace" {
            options.killNamespace = true
            index += 1
            continue
        }
        guard index + 1 < arguments.count, let value = UInt64(arguments[index + 1]) else { return nil }
        if argument == "--output-cap" {
            options.outputCap = Int(value)
        } else if let resource = resources[argument] {
            options.limits.append((resource, value))
        } else {
            return nil
        }
        index += 2
    }
    return nil
}

/// Writes all of `bytes` to stdout, retrying on short writes and EINTR.
func writeAll(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count {
        let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            _exit(3)
        }
        offset += written
    }
}

func writeFrame(_ tag: UInt8, _ payload: UnsafeRawBufferPointer) {
    let length = UInt32(payload.count)
    let header: [UInt8] = [tag, UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff)]
    header.withUnsafeBytes(writeAll)
    writeAll(payload)
}

func writeStatus(_ fields: [(String, Int)]) {
    let json = "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    Array(json.utf8).withUnsafeBytes { writeFrame(UInt8(ascii: "S"), $0) }
}

/// In the forked child: limits, standard streams, then exec. Only async-signal-safe calls after fork.
func execChild(_ options: Options, stdoutFD: Int32, stderrFD: Int32, failureFD: Int32, argv: [UnsafeMutablePointer<CChar>?]) -> Never {
    var failed = false
    for limit in options.limits {
        // CPU: SIGXCPU at the limit, SIGKILL a second later for a program that ignores it.
        let hard = limit.resource == Int32(RLIMIT_CPU.rawValue) ? limit.value + 1 : limit.value
        var value = rlimit(rlim_cur: rlim_t(limit.value), rlim_max: rlim_t(hard))
        if setrlimit(__rlimit_resource_t(UInt32(limit.resource)), &value) != 0 { failed = true }
    }
    let devNull = open("/dev/null", O_RDONLY)
    if devNull < 0 || dup2(devNull, 0) < 0 || dup2(stdoutFD, 1) < 0 || dup2(stderrFD, 2) < 0 { failed = true }
    signal(SIGPIPE, SIG_DFL)
    if !failed, let path = argv[0] { execvp(path, argv) }
    var code = errno
    _ = withUnsafeBytes(of: &code) { write(failureFD, $0.baseAddress, $0.count) }
    _exit(127)
}

func main() -> Int32 {
    guard let options = parseOptions(CommandLine.arguments) else {
        let usage = "usage: codescore-sandbox-exec [--data B] [--nproc N] [--nofile N] [--fsize B] [--cpu S] [--output-cap B] -- COMMAND...\n"
        _ = usage.withCString { write(2, $0, strlen($0)) }
        return 64
    }
    _ = codescore_set_nondumpable()
    signal(SIGPIPE, SIG_IGN)

    var stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0], failurePipe: [Int32] = [0, 0]
    guard codescore_pipe_cloexec(&stdoutPipe) == 0, codescore_pipe_cloexec(&stderrPipe) == 0,
          codescore_pipe_cloexec(&failurePipe) == 0 else {
        writeStatus([("launch_error", Int(errno))])
        return 0
    }
    // argv is built before fork: the child must not allocate.
    let argv: [UnsafeMutablePointer<CChar>?] = options.command.map { strdup($0) } + [nil]
    let child = fork()
    if child < 0 {
        writeStatus([("launch_error", Int(errno))])
        return 0
    }
    if child == 0 { execChild(options, stdoutFD: stdoutPipe[1], stderrFD: stderrPipe[1], failureFD: failurePipe[1], argv: argv) }
    close(stdoutPipe[1]); close(stderrPipe[1]); close(failurePipe[1])

    var execError: Int32 = 0
    let failureBytes = withUnsafeMutableBytes(of: &execError) { read(failurePipe[0], $0.baseAddress, $0.count) }
    close(failurePipe[0])

    // Forward both streams up to the cap; keep counting what is dropped. A grandchild may hold the pipes
    // open after the child exits, so once the child is gone only what is already buffered is read.
    var open: [(fd: Int32, tag: UInt8, forwarded: Int, total: Int)] = [
        (stdoutPipe[0], UInt8(ascii: "O"), 0, 0), (stderrPipe[0], UInt8(ascii: "E"), 0, 0),
    ]
    var totals: [UInt8: Int] = [:]
    var buffer = [UInt8](repeating: 0, count: 65536)
    var status: Int32 = 0
    var usage = rusage()
    var childDone = false
    while !open.isEmpty {
        var pollFDs = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&pollFDs, nfds_t(pollFDs.count), childDone ? 0 : 50)
        if ready < 0 && errno != EINTR { break }
        var closed: [Int] = []
        for index in pollFDs.indices where pollFDs[index].revents != 0 {
            let count = buffer.withUnsafeMutableBytes { read(open[index].fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                closed.append(index)
                continue
            }
            let keep = max(0, min(count, options.outputCap - open[index].forwarded))
            if keep > 0 { buffer.withUnsafeBytes { writeFrame(open[index].tag, UnsafeRawBufferPointer(rebasing: $0[0..<keep])) } }
            open[index].forwarded += keep
            open[index].total += count
        }
        if ready == 0 && childDone { closed = Array(open.indices) }
        for index in closed.reversed() {
            totals[open[index].tag] = open[index].total
            close(open[index].fd)
            open.remove(at: index)
        }
        if !childDone && wait4(child, &status, WNOHANG, &usage) == child { childDone = true }
    }
    if !childDone { _ = wait4(child, &status, 0, &usage) }
    if options.killNamespace && getpid() <= 2 {
        _ = kill(-1, SIGKILL)
        while wait(nil) > 0 {}
    }

    var fields: [(String, Int)] = []
    if failureBytes == MemoryLayout<Int32>.size {
        fields.append(("exec_error", Int(execError)))
    } else if status & 0x7f == 0 {
        fields.append(("exit_code", Int((status >> 8) & 0xff)))
    } else {
        fields.append(("signal", Int(status & 0x7f)))
    }
    fields.append(("max_rss_kib", usage.ru_maxrss))
    fields.append(("user_ms", usage.ru_utime.tv_sec * 1000 + usage.ru_utime.tv_usec / 1000))
    fields.append(("system_ms", usage.ru_stime.tv_sec * 1000 + usage.ru_stime.tv_usec / 1000))
    if let cpu = options.limits.first(where: { $0.resource == Int32(RLIMIT_CPU.rawValue) })?.value {
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        fields.append(("cpu_limit_reached", used >= Int(cpu) * 1000 - 50 ? 1 : 0))
    }
    fields.append(("stdout_bytes", totals[UInt8(ascii: "O")] ?? 0))
    fields.append(("stderr_bytes", totals[UInt8(ascii: "E")] ?? 0))
    writeStatus(fields)
    return 0
}

exit(main())
