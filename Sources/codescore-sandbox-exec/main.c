// The launcher codescore places inside every sandbox (bound read-only at /.codescore/exec).
//
// It runs the check's command as its child with the resource limits applied, captures the child's stdout
// and stderr up to a cap (draining and counting the rest, so a flood never blocks), and reports how the
// child ended. Its own stdout carries only frames it writes itself: the child gets fresh pipes, and the
// launcher is non-dumpable, so sandboxed code cannot reach that channel through /proc. codescore therefore
// learns the outcome from the launcher's wait status, never from bwrap's exit code.
//
// Frames: one tag byte ('O' stdout, 'E' stderr, 'S' status JSON), a 4-byte big-endian length, the payload.
// The status is one flat JSON object of integers, in this order: exec_error (the command could not be
// started: errno) or exit_code or signal, then max_rss_kib, user_ms, system_ms, cpu_limit_reached (only
// with --cpu), stdout_bytes, stderr_bytes. When the launcher itself cannot start the command (pipe or fork
// failed) the status is {"launch_error":errno} alone.
//
// Usage: codescore-sandbox-exec [--kill-namespace] [--data BYTES] [--nproc N] [--nofile N] [--fsize BYTES] [--cpu SECONDS]
//                               [--output-cap BYTES] -- COMMAND [ARGUMENTS...]
//
// Second mode, in front of bubblewrap (or of the launcher itself) when codescore runs as root:
//        codescore-sandbox-exec --drop-to UID:GID --exec -- PROGRAM [ARGUMENTS...]
// drops every supplementary group, then the real, effective and saved gid and uid, checks that exactly
// those ids are in effect and (for a non-zero uid) that no capability is left, and execs PROGRAM (a path; no PATH search,
// no fork, no frames). Any failure is reported on stderr with exit status 126 before PROGRAM runs;
// PROGRAM not starting is 127 (missing) or 126.
//
// Third mode, the long-lived server of a reusable sandbox (started by bubblewrap with CAP_SYS_ADMIN, which
// it never hands on):
//        codescore-sandbox-exec --serve
// reads requests from stdin, one at a time: an 'R' frame whose payload is NUL-terminated arguments,
//        --workspace NAME [--chdir DIR] [--setenv NAME=VALUE]... [limits as above] -- COMMAND [ARGUMENTS...]
// acknowledges each with an empty 'A' frame once read, and runs it in namespaces of its own (see
// prepareSample): mount, PID, IPC, user and network (loopback only), a fresh /proc, /tmp and /dev/shm,
// /.codescore/pool/NAME at /work and the rest of /.codescore/pool hidden, no capabilities. The sample's
// process writes the usual frames; then the server writes 'D' with that process's wait status
// ({"exit_code":N} or {"signal":N}) and waits for the next request. End of stdin ends the server.
//
// In a sandbox (--kill-namespace, or a served request) the command also runs under a seccomp filter that
// refuses the kernel keyrings and prlimit on other processes (restrictSystemCalls).
//
// Written in C and linked statically so each start costs one small exec and nothing else: no dynamic
// loader, no language runtime. Only async-signal-safe calls between fork and exec.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct limit {
    int resource;
    uint64_t value;
};

struct options {
    struct limit *limits;  // RLIMIT_CORE 0 first, then the options in the order given
    int limitCount;
    uint64_t outputCap;
    // Inside a PID namespace only: SIGKILL every other process there once the child is done, so daemons
    // it left behind are gone before the status is written. Never used outside a sandbox.
    int killNamespace;
    char **command;  // NULL-terminated, points into argv
    // --serve requests only: the workspace's name under /.codescore/pool, the starting folder, the environment.
    const char *workspace;
    const char *workingDirectory;
    char **environment;  // NULL-terminated, points into argv
    int environmentCount;
};

static const char usageText[] =
    "usage: codescore-sandbox-exec [--data B] [--nproc N] [--nofile N] [--fsize B] [--cpu S] [--output-cap B] -- COMMAND...\n";

/// Parses a decimal UInt64 the way Swift's UInt64(String) does: an optional '+' or '-' sign, then one or
/// more ASCII digits, nothing else; overflow fails, and a '-' is accepted only for a value of zero.
static int parseUInt64(const char *text, uint64_t *out) {
    int negative = 0;
    if (*text == '+' || *text == '-') {
        negative = *text == '-';
        text++;
    }
    if (*text == '\0') return 0;
    uint64_t value = 0;
    for (; *text; text++) {
        if (*text < '0' || *text > '9') return 0;
        unsigned digit = (unsigned)(*text - '0');
        if (value > (UINT64_MAX - digit) / 10) return 0;
        value = value * 10 + digit;
    }
    if (negative && value != 0) return 0;
    *out = value;
    return 1;
}

/// Parses the options, then COMMAND after "--". `request`: the --workspace, --chdir and --setenv of a --serve
/// request are allowed too.
static int parseOptions(int argc, char **argv, struct options *options, int request) {
    options->limits = malloc(sizeof(struct limit) * (size_t)(argc + 1));
    options->environment = malloc(sizeof(char *) * (size_t)(argc + 1));
    if (!options->limits || !options->environment) return 0;
    options->environmentCount = 0;
    options->environment[0] = NULL;
    options->workspace = NULL;
    options->workingDirectory = NULL;
    options->limits[0] = (struct limit){RLIMIT_CORE, 0};
    options->limitCount = 1;
    options->outputCap = 1 << 20;
    options->killNamespace = 0;
    options->command = NULL;
    static const struct {
        const char *name;
        int resource;
    } resources[] = {
        {"--data", RLIMIT_DATA}, {"--nproc", RLIMIT_NPROC}, {"--nofile", RLIMIT_NOFILE},
        {"--fsize", RLIMIT_FSIZE}, {"--cpu", RLIMIT_CPU},
    };
    int index = 1;
    while (index < argc) {
        const char *argument = argv[index];
        if (strcmp(argument, "--") == 0) {
            options->command = argv + index + 1;
            return index + 1 < argc && (!request || options->workspace != NULL);
        }
        if (request && index + 1 < argc) {
            const char *value = argv[index + 1];
            if (strcmp(argument, "--workspace") == 0) {
                options->workspace = value;
            } else if (strcmp(argument, "--chdir") == 0) {
                if (value[0] != '/') return 0;
                options->workingDirectory = value;
            } else if (strcmp(argument, "--setenv") == 0) {
                if (value[0] == '=' || !strchr(value, '=')) return 0;
                options->environment[options->environmentCount++] = argv[index + 1];
                options->environment[options->environmentCount] = NULL;
            } else {
                value = NULL;
            }
            if (value) {
                index += 2;
                continue;
            }
        }
        if (strcmp(argument, "--kill-namespace") == 0) {
            options->killNamespace = 1;
            index += 1;
            continue;
        }
        uint64_t value;
        if (index + 1 >= argc || !parseUInt64(argv[index + 1], &value)) return 0;
        if (strcmp(argument, "--output-cap") == 0) {
            options->outputCap = value;
        } else {
            int found = 0;
            for (size_t i = 0; i < sizeof resources / sizeof resources[0]; i++) {
                if (strcmp(argument, resources[i].name) == 0) {
                    options->limits[options->limitCount++] = (struct limit){resources[i].resource, value};
                    found = 1;
                    break;
                }
            }
            if (!found) return 0;
        }
        index += 2;
    }
    return 0;
}

/// Writes all of `bytes` to stdout, retrying on short writes and EINTR.
static void writeAll(const unsigned char *bytes, size_t count) {
    size_t offset = 0;
    while (offset < count) {
        ssize_t written = write(1, bytes + offset, count - offset);
        if (written < 0) {
            if (errno == EINTR) continue;
            _exit(3);
        }
        offset += (size_t)written;
    }
}

/// Fills the 5-byte header in front of `frame + 5` and writes header and payload in one go.
static void writeFrame(unsigned char tag, unsigned char *frame, size_t payloadLength) {
    uint32_t length = (uint32_t)payloadLength;
    frame[0] = tag;
    frame[1] = (unsigned char)(length >> 24);
    frame[2] = (unsigned char)((length >> 16) & 0xff);
    frame[3] = (unsigned char)((length >> 8) & 0xff);
    frame[4] = (unsigned char)(length & 0xff);
    writeAll(frame, 5 + payloadLength);
}

struct status {
    unsigned char frame[5 + 512];
    size_t length;  // of the JSON text after the header
};

static void addField(struct status *status, const char *name, long long value) {
    char *json = (char *)status->frame + 5;
    size_t room = sizeof status->frame - 5 - status->length;
    int added = snprintf(json + status->length, room, "%s\"%s\":%lld", status->length == 0 ? "{" : ",", name, value);
    if (added > 0 && (size_t)added < room) status->length += (size_t)added;
}

static void writeStatus(struct status *status) {
    status->frame[5 + status->length++] = '}';
    writeFrame('S', status->frame, status->length);
}

static void writeLaunchError(int code) {
    struct status status = {.length = 0};
    addField(&status, "launch_error", code);
    writeStatus(&status);
}

#if defined(__x86_64__)
#define NATIVE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/// Inside a sandbox, what namespaces do not separate: the kernel keyrings (keys are listed, and can be
/// shared, by uid across every sandbox) and other processes' resource limits (prlimit on its launcher, PID 1,
/// could kill it and turn a failure into a sandbox error). Those calls fail with EPERM, as in Docker's default
/// profile; the native system-call ABI only (no x32, no 32-bit compatibility calls). Needs no_new_privs,
/// which bubblewrap and the serving launcher set.
static int restrictSystemCalls(void) {
#ifdef NATIVE_AUDIT_ARCH
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_AUDIT_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),  // the x32 ABI
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
#endif
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_add_key, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_request_key, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_keyctl, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_prlimit64, 1, 4),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        // prlimit64(pid, ...): only pid 0, the caller itself (glibc's getrlimit and setrlimit); pid_t is 32 bits.
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = {.len = (unsigned short)(sizeof filter / sizeof filter[0]), .filter = filter};
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
#else
    return 0;
#endif
}

/// In the forked child: limits, standard streams, then exec. Only async-signal-safe calls after fork.
static void execChild(const struct options *options, int stdoutFD, int stderrFD, int failureFD) {
    int failed = 0;
    for (int i = 0; i < options->limitCount; i++) {
        const struct limit *limit = &options->limits[i];
        // CPU: SIGXCPU at the limit, SIGKILL a second later for a program that ignores it.
        rlim_t hard = limit->value;
        if (limit->resource == RLIMIT_CPU && limit->value != RLIM_INFINITY) hard = limit->value + 1;
        struct rlimit value = {.rlim_cur = limit->value, .rlim_max = hard};
        if (setrlimit(limit->resource, &value) != 0) failed = 1;
    }
    int devNull = open("/dev/null", O_RDONLY);
    if (devNull < 0 || dup2(devNull, 0) < 0 || dup2(stdoutFD, 1) < 0 || dup2(stderrFD, 2) < 0) failed = 1;
    if (devNull > 2) close(devNull);
    signal(SIGPIPE, SIG_DFL);
    if (!failed && options->killNamespace && restrictSystemCalls() != 0) failed = 1;
    if (!failed) execvp(options->command[0], options->command);
    int32_t code = errno;
    ssize_t ignored = write(failureFD, &code, sizeof code);
    (void)ignored;
    _exit(127);
}

static long long milliseconds(struct timeval time) { return (long long)time.tv_sec * 1000 + time.tv_usec / 1000; }

static int runCommand(const struct options *options) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    signal(SIGPIPE, SIG_IGN);

    int stdoutPipe[2], stderrPipe[2], failurePipe[2];
    if (pipe2(stdoutPipe, O_CLOEXEC) != 0 || pipe2(stderrPipe, O_CLOEXEC) != 0 || pipe2(failurePipe, O_CLOEXEC) != 0) {
        writeLaunchError(errno);
        return 0;
    }
    // Everything the child needs (argv, limits) exists before fork: the child must not allocate.
    pid_t child = fork();
    if (child < 0) {
        writeLaunchError(errno);
        return 0;
    }
    if (child == 0) execChild(options, stdoutPipe[1], stderrPipe[1], failurePipe[1]);
    close(stdoutPipe[1]);
    close(stderrPipe[1]);
    close(failurePipe[1]);

    int32_t execError = 0;
    ssize_t failureBytes = read(failurePipe[0], &execError, sizeof execError);
    close(failurePipe[0]);

    // Forward both streams up to the cap; keep counting what is dropped. A grandchild may hold the pipes
    // open after the child exits, so once the child is gone only what is already buffered is read.
    struct stream {
        int fd;
        unsigned char tag;
        uint64_t forwarded;
        long long total;
    } streams[2] = {{stdoutPipe[0], 'O', 0, 0}, {stderrPipe[0], 'E', 0, 0}};
    int openCount = 2;
    long long totalStdout = 0, totalStderr = 0;
    static unsigned char buffer[5 + 65536];  // a frame header, then what one read returns
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    int childDone = 0;
    while (openCount > 0) {
        struct pollfd pollFDs[2];
        for (int i = 0; i < openCount; i++) pollFDs[i] = (struct pollfd){.fd = streams[i].fd, .events = POLLIN, .revents = 0};
        int ready = poll(pollFDs, (nfds_t)openCount, childDone ? 0 : 50);
        if (ready < 0 && errno != EINTR) break;
        int closed[2] = {0, 0};
        for (int i = 0; i < openCount; i++) {
            if (pollFDs[i].revents == 0) continue;
            ssize_t count = read(streams[i].fd, buffer + 5, sizeof buffer - 5);
            if (count <= 0) {
                if (count < 0 && errno == EINTR) continue;
                closed[i] = 1;
                continue;
            }
            uint64_t room = streams[i].forwarded < options->outputCap ? options->outputCap - streams[i].forwarded : 0;
            size_t keep = (uint64_t)count < room ? (size_t)count : (size_t)room;
            if (keep > 0) writeFrame(streams[i].tag, buffer, keep);
            streams[i].forwarded += keep;
            streams[i].total += count;
        }
        if (ready == 0 && childDone) closed[0] = closed[1] = 1;
        int kept = 0;
        for (int i = 0; i < openCount; i++) {
            if (closed[i]) {
                if (streams[i].tag == 'O') totalStdout = streams[i].total; else totalStderr = streams[i].total;
                close(streams[i].fd);
            } else {
                streams[kept++] = streams[i];
            }
        }
        openCount = kept;
        if (!childDone && wait4(child, &status, WNOHANG, &usage) == child) {
            childDone = 1;
            // What it left behind could keep the pipes busy forever: gone now, then the pipes drain.
            if (options->killNamespace && getpid() <= 2) kill(-1, SIGKILL);
        }
    }
    if (!childDone) wait4(child, &status, 0, &usage);
    if (options->killNamespace && getpid() <= 2) {
        kill(-1, SIGKILL);
        while (wait(NULL) > 0) {}
    }

    struct status report = {.length = 0};
    if (failureBytes == (ssize_t)sizeof execError) {
        addField(&report, "exec_error", execError);
    } else if ((status & 0x7f) == 0) {
        addField(&report, "exit_code", (status >> 8) & 0xff);
    } else {
        addField(&report, "signal", status & 0x7f);
    }
    addField(&report, "max_rss_kib", usage.ru_maxrss);
    addField(&report, "user_ms", milliseconds(usage.ru_utime));
    addField(&report, "system_ms", milliseconds(usage.ru_stime));
    for (int i = 0; i < options->limitCount; i++) {
        if (options->limits[i].resource != RLIMIT_CPU) continue;
        // The first --cpu given; a second or more of CPU less 50 ms counts as having reached it.
        long long used = ((long long)usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
                         + ((long long)usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
        __int128 threshold = (__int128)options->limits[i].value * 1000 - 50;
        addField(&report, "cpu_limit_reached", (__int128)used >= threshold ? 1 : 0);
        break;
    }
    addField(&report, "stdout_bytes", totalStdout);
    addField(&report, "stderr_bytes", totalStderr);
    writeStatus(&report);
    return 0;
}

/// Reads exactly `count` bytes unless end of file comes first; returns how many were read, -1 on error.
static ssize_t readFully(int fd, unsigned char *bytes, size_t count) {
    size_t offset = 0;
    while (offset < count) {
        ssize_t got = read(fd, bytes + offset, count - offset);
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (got == 0) break;
        offset += (size_t)got;
    }
    return (ssize_t)offset;
}

/// A sample that could not be set up: what failed, as an 'E' frame, then {"launch_error":errno}.
static int setupFailed(const char *step, const char *path) {
    int code = errno;
    static unsigned char frame[5 + 512];
    int length = snprintf((char *)frame + 5, sizeof frame - 5, "codescore-sandbox-exec: cannot set up the sample: %s %s: %s\n",
                          step, path, strerror(code));
    if (length > 0) writeFrame('E', frame, (size_t)length < sizeof frame - 5 ? (size_t)length : sizeof frame - 6);
    writeLaunchError(code ? code : EPERM);
    return 1;
}

static int writeText(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t written = write(fd, text, strlen(text));
    int code = errno;
    close(fd);
    errno = code;
    return written == (ssize_t)strlen(text) ? 0 : -1;
}

/// Remounts the mount at `path` with `flags` added, keeping the ones it has: a mount made in a more privileged
/// user namespace (all of bubblewrap's) can only be remounted with its nosuid, nodev, noexec and atime flags.
static int remountAdding(const char *path, unsigned long flags) {
    struct statvfs info;
    if (statvfs(path, &info) != 0) return -1;
    static const struct {
        unsigned long statFlag, mountFlag;
    } carried[] = {
        {ST_RDONLY, MS_RDONLY}, {ST_NOSUID, MS_NOSUID}, {ST_NODEV, MS_NODEV}, {ST_NOEXEC, MS_NOEXEC},
        {ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME},
    };
    unsigned long kept = 0;
    for (size_t i = 0; i < sizeof carried / sizeof carried[0]; i++) {
        if (info.f_flag & carried[i].statFlag) kept |= carried[i].mountFlag;
    }
    return mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | kept | flags, NULL);
}

/// A workspace name is one path component made by codescore: no '/', not "." or "..", not empty.
static int isPlainName(const char *name) {
    return name[0] != '\0' && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/// In the sample's first process, PID 1 of its new PID namespace, in its new mount and IPC namespaces, still
/// holding the server's CAP_SYS_ADMIN (in bubblewrap's user namespace): makes the sample's own file system,
/// moves into user and network namespaces of its own, leaves the session keyring it inherited and drops
/// every capability. Nothing untrusted has run yet.
static int prepareSample(const struct options *options) {
    const unsigned long hidden = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    // Nothing mounted below may reach the server's namespace, or the next sample's.
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return setupFailed("make private", "/");
    // Fresh writable places: what an earlier sample left in /tmp or /dev/shm is not there.
    if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") != 0) return setupFailed("mount tmpfs on", "/tmp");
    if (remountAdding("/dev", MS_RDONLY | MS_NOSUID) != 0) return setupFailed("remount read-only", "/dev");
    if (mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=01777") != 0) return setupFailed("mount tmpfs on", "/dev/shm");
    if (!isPlainName(options->workspace)) {
        errno = EINVAL;
        return setupFailed("use the workspace", options->workspace);
    }
    char source[4096];
    int length = snprintf(source, sizeof source, "/.codescore/pool/%s", options->workspace);
    if (length < 0 || (size_t)length >= sizeof source) {
        errno = ENAMETOOLONG;
        return setupFailed("use the workspace", options->workspace);
    }
    if (mount(source, "/work", NULL, MS_BIND, NULL) != 0) return setupFailed("bind the workspace", source);
    if (remountAdding("/work", MS_NOSUID | MS_NODEV) != 0) return setupFailed("remount", "/work");
    // Every other sample's workspace sits in the pool: an empty read-only tmpfs covers it.
    if (mount("tmpfs", "/.codescore/pool", "tmpfs", MS_RDONLY | hidden, "mode=0,size=4k") != 0) {
        return setupFailed("hide", "/.codescore/pool");
    }
    // A /proc of the sample's own PID namespace, with bubblewrap's read-only covers.
    if (mount("proc", "/proc", "proc", hidden, NULL) != 0) return setupFailed("mount proc on", "/proc");
    static const char *const procCovers[] = {"/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus"};
    for (size_t i = 0; i < sizeof procCovers / sizeof procCovers[0]; i++) {
        if (mount(procCovers[i], procCovers[i], NULL, MS_BIND | MS_REC, NULL) != 0) {
            if (errno == ENOENT) continue;
            return setupFailed("cover", procCovers[i]);
        }
        if (remountAdding(procCovers[i], MS_RDONLY | hidden) != 0) {
            return setupFailed("remount read-only", procCovers[i]);
        }
    }
    const char *start = options->workingDirectory ? options->workingDirectory : "/work";
    if (chdir(start) != 0) return setupFailed("change to", start);

    // A user namespace of its own (its own process count, keyrings, and mounts it can never change), mapping
    // only the sandbox user; then no capability in any set, and none to gain.
    uid_t user = getuid();
    gid_t group = getgid();
    if (unshare(CLONE_NEWUSER) != 0) return setupFailed("unshare", "the user namespace");
    char map[64];
    snprintf(map, sizeof map, "%u %u 1\n", (unsigned)user, (unsigned)user);
    if (writeText("/proc/self/uid_map", map) != 0) return setupFailed("write", "/proc/self/uid_map");
    if (writeText("/proc/self/setgroups", "deny") != 0) return setupFailed("write", "/proc/self/setgroups");
    snprintf(map, sizeof map, "%u %u 1\n", (unsigned)group, (unsigned)group);
    if (writeText("/proc/self/gid_map", map) != 0) return setupFailed("write", "/proc/self/gid_map");
    // A network namespace of its own (owned by that user namespace), with only the loopback interface, up:
    // no socket, port or connection state of an earlier sample is left in it.
    // A new, empty session keyring instead of the one inherited from codescore's session.
    if (syscall(SYS_keyctl, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, NULL) < 0 && errno != ENOSYS) {
        return setupFailed("join", "a new session keyring");
    }
    if (unshare(CLONE_NEWNET) != 0) return setupFailed("unshare", "the network namespace");
    int control = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (control < 0) return setupFailed("open", "a socket for the loopback interface");
    struct ifreq loopback;
    memset(&loopback, 0, sizeof loopback);
    strncpy(loopback.ifr_name, "lo", IFNAMSIZ - 1);
    if (ioctl(control, SIOCGIFFLAGS, &loopback) != 0) return setupFailed("read the flags of", "lo");
    loopback.ifr_flags |= IFF_UP;
    if (ioctl(control, SIOCSIFFLAGS, &loopback) != 0) return setupFailed("bring up", "lo");
    close(control);
    for (int capability = 0; capability <= 63; capability++) {
        if (prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 && errno != EINVAL) return setupFailed("drop", "the bounding set");
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) return setupFailed("clear", "the ambient capabilities");
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0) return setupFailed("drop", "the capabilities");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return setupFailed("set", "no_new_privs");
    // Fail closed unless the kernel shows none left.
    if (syscall(SYS_capget, &header, data) != 0) return setupFailed("read", "the capabilities");
    for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
        if (data[i].effective != 0 || data[i].permitted != 0 || data[i].inheritable != 0) {
            errno = EPERM;
            return setupFailed("drop", "the capabilities");
        }
    }
    extern char **environ;
    environ = options->environment;
    return 0;
}

/// One sample: set up, then the usual launcher (frames, limits, status); PID 1 kills what the command
/// left behind before writing the status, and its own exit ends the namespace.
static int runSample(struct options *options) {
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    // Dumpable until the user namespace's maps are written (/proc/self of a non-dumpable process is not its
    // own); runCommand makes it non-dumpable before the command is forked.
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    int devNull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devNull < 0 || dup2(devNull, 0) < 0) return setupFailed("open", "/dev/null");
    if (prepareSample(options) != 0) return 1;
    options->killNamespace = 1;
    return runCommand(options);
}

static void writeDone(int status) {
    struct status report = {.length = 0};
    if ((status & 0x7f) == 0) {
        addField(&report, "exit_code", (status >> 8) & 0xff);
    } else {
        addField(&report, "signal", status & 0x7f);
    }
    report.frame[5 + report.length++] = '}';
    writeFrame('D', report.frame, report.length);
}

/// --serve: requests from stdin until it ends. Each is acknowledged with an empty 'A' frame as soon as it
/// is read. A stream the server cannot read (bad framing) ends it (exit 65); codescore then sees no 'D'.
static int serve(void) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    signal(SIGPIPE, SIG_IGN);
    enum { maximumRequest = 4 << 20 };
    for (;;) {
        unsigned char header[5];
        ssize_t got = readFully(0, header, sizeof header);
        if (got == 0) return 0;
        if (got != (ssize_t)sizeof header || header[0] != 'R') return 65;
        uint32_t length = (uint32_t)header[1] << 24 | (uint32_t)header[2] << 16 | (uint32_t)header[3] << 8 | header[4];
        if (length == 0 || length > maximumRequest) return 65;
        char *payload = malloc(length);
        if (!payload || readFully(0, (unsigned char *)payload, length) != (ssize_t)length || payload[length - 1] != '\0') return 65;
        int count = 0;
        for (uint32_t i = 0; i < length; i++) count += payload[i] == '\0';
        char **arguments = malloc(sizeof(char *) * (size_t)(count + 2));
        if (!arguments) return 65;
        arguments[0] = "request";
        char *next = payload;
        for (int i = 1; i <= count; i++) {
            arguments[i] = next;
            next += strlen(next) + 1;
        }
        arguments[count + 1] = NULL;
        // Taken: from here on codescore must not send the request elsewhere (it may have run).
        static unsigned char acknowledgement[5];
        writeFrame('A', acknowledgement, 0);
        struct options options;
        int status = 0;
        if (!parseOptions(count + 1, arguments, &options, 1)) {
            // A request codescore should never send: refused, and the server stays.
            writeLaunchError(EINVAL);
        } else {
            // The sample's first process: new mount, PID and IPC namespaces, PID 1 in its own. The server is
            // single-threaded, so the child may use what fork's child could not (snprintf, malloc'd options).
            pid_t sample = (pid_t)syscall(SYS_clone, CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | SIGCHLD, 0, 0, 0, 0);
            if (sample == 0) _exit(runSample(&options));
            if (sample < 0) {
                writeLaunchError(errno);
            } else {
                pid_t waited;
                while ((waited = waitpid(sample, &status, 0)) < 0 && errno == EINTR) {}
                if (waited < 0) writeLaunchError(errno);
            }
        }
        writeDone(status);
        free(options.limits);
        free(options.environment);
        free(arguments);
        free(payload);
    }
}

static int refuse(const char *what, unsigned long user, unsigned long group, int code) {
    char message[256];
    int length = snprintf(message, sizeof message, "codescore-sandbox-exec: cannot drop to uid %lu gid %lu: %s: %s\n",
                          user, group, what, code ? strerror(code) : "not in effect afterwards");
    if (length > 0) {
        ssize_t ignored = write(2, message, (size_t)length < sizeof message ? (size_t)length : sizeof message - 1);
        (void)ignored;
    }
    return 126;
}

/// Parses UID or GID: decimal, at most 2^32 - 2 ((uid_t)-1 means "leave unchanged" to setresuid).
static int parseID(const char *text, size_t length, uint32_t *out) {
    if (length == 0 || length > 10) return 0;
    uint64_t value = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9') return 0;
        value = value * 10 + (uint64_t)(text[i] - '0');
    }
    if (value >= UINT32_MAX) return 0;
    *out = (uint32_t)value;
    return 1;
}

/// --drop-to UID:GID --exec -- PROGRAM ARGS...: setpriv --reuid --regid --clear-groups, checked, in one exec.
static int dropAndExec(int argc, char **argv) {
    uint32_t user, group;
    const char *spec = argc > 2 ? argv[2] : "";
    const char *colon = strchr(spec, ':');
    if (argc < 6 || !colon || !parseID(spec, (size_t)(colon - spec), &user) || !parseID(colon + 1, strlen(colon + 1), &group)
        || strcmp(argv[3], "--exec") != 0 || strcmp(argv[4], "--") != 0) {
        static const char usage[] = "usage: codescore-sandbox-exec --drop-to UID:GID --exec -- PROGRAM [ARGUMENTS...]\n";
        ssize_t ignored = write(2, usage, sizeof usage - 1);
        (void)ignored;
        return 64;
    }
    if (setgroups(0, NULL) != 0) return refuse("setgroups", user, group, errno);
    if (setresgid(group, group, group) != 0) return refuse("setresgid", user, group, errno);
    if (setresuid(user, user, user) != 0) return refuse("setresuid", user, group, errno);
    // Fail closed unless the kernel shows exactly the identity asked for.
    uid_t realUser, effectiveUser, savedUser;
    gid_t realGroup, effectiveGroup, savedGroup;
    if (getresuid(&realUser, &effectiveUser, &savedUser) != 0) return refuse("getresuid", user, group, errno);
    if (realUser != user || effectiveUser != user || savedUser != user) return refuse("uid", user, group, 0);
    if (getresgid(&realGroup, &effectiveGroup, &savedGroup) != 0) return refuse("getresgid", user, group, errno);
    if (realGroup != group || effectiveGroup != group || savedGroup != group) return refuse("gid", user, group, 0);
    int groups = getgroups(0, NULL);
    if (groups < 0) return refuse("getgroups", user, group, errno);
    if (groups != 0) return refuse("supplementary groups", user, group, 0);
    if (user != 0) {
        // Leaving uid 0 clears the capability sets unless securebits keep them; then they must be empty.
        struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
        struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
        memset(data, 0, sizeof data);
        if (syscall(SYS_capget, &header, data) != 0) return refuse("capget", user, group, errno);
        for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
            if (data[i].effective != 0 || data[i].permitted != 0) return refuse("capabilities", user, group, 0);
        }
    }
    execv(argv[5], argv + 5);
    int code = errno;
    char message[512];
    int length = snprintf(message, sizeof message, "codescore-sandbox-exec: cannot run %s: %s\n", argv[5], strerror(code));
    if (length > 0) {
        ssize_t ignored = write(2, message, (size_t)length < sizeof message ? (size_t)length : sizeof message - 1);
        (void)ignored;
    }
    return code == ENOENT ? 127 : 126;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--drop-to") == 0) return dropAndExec(argc, argv);
    if (argc == 2 && strcmp(argv[1], "--serve") == 0) return serve();
    struct options options;
    if (!parseOptions(argc, argv, &options, 0)) {
        ssize_t ignored = write(2, usageText, sizeof usageText - 1);
        (void)ignored;
        return 64;
    }
    return runCommand(&options);
}
