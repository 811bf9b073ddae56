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
// Written in C and linked statically so each start costs one small exec and nothing else: no dynamic
// loader, no language runtime. Only async-signal-safe calls between fork and exec.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
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

static int parseOptions(int argc, char **argv, struct options *options) {
    options->limits = malloc(sizeof(struct limit) * (size_t)(argc + 1));
    if (!options->limits) return 0;
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
            return index + 1 < argc;
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
        if (!childDone && wait4(child, &status, WNOHANG, &usage) == child) childDone = 1;
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
    struct options options;
    if (!parseOptions(argc, argv, &options)) {
        ssize_t ignored = write(2, usageText, sizeof usageText - 1);
        (void)ignored;
        return 64;
    }
    return runCommand(&options);
}
