// The disk's ceiling for the event log's group commit, without the log:
// GROUPS groups of PER records of 288 bytes (a 256-byte payload with its
// header and padding) written into a posix_fallocate'd, mapped file, then made
// durable the way EventLog.flush does it, one thread, nothing else running.
//
//   mode 2: msync of the group's pages, then msync of the header page (the
//           exact durability watermark: what corridord does since issue 8);
//   mode 1: one msync of the group's pages only (a store that finds its end
//           by checksums alone, as SQLite's WAL and PostgreSQL do);
//   mode 3: one msync over the header page and the group's pages together.
//
// Prints microseconds per group and records per second; with PER = 32 (the
// records per sync `storage` measures at 64 writers: two cohorts of 32) that is
// the most the log can reach at 64 writers on this disk in each mode.
// docs/PERFORMANCE.md ("storage on a quiet machine") has the figures.
//
//   gcc -O2 -o /tmp/ceiling Benchmarks/profiling/group-commit-ceiling.c
//   /tmp/ceiling 2 [PER] [GROUPS] [DIR]     (defaults: 32, 3000, /var/tmp)
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s MODE(1|2|3) [PER] [GROUPS] [DIR]\n", argv[0]);
        return 2;
    }
    int mode = atoi(argv[1]);
    int per = argc > 2 ? atoi(argv[2]) : 32;
    int groups = argc > 3 ? atoi(argv[3]) : 3000;
    const char *dir = argc > 4 ? argv[4] : "/var/tmp";
    const size_t record = 288, page = 4096, size = 64u << 20;
    if (mode < 1 || mode > 3 || per < 1 || groups < 1 || (size_t)per * record * groups > size - page) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/group-commit-ceiling.%d", dir, getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || posix_fallocate(fd, 0, size) != 0 || fsync(fd) != 0) { perror(path); return 1; }
    char *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) { perror("mmap"); return 1; }
    size_t offset = page;
    double start = now();
    for (int g = 0; g < groups; g++) {
        size_t first = offset;
        for (int i = 0; i < per; i++) {
            memset(map + offset, i + 1, record);
            offset += record;
        }
        size_t aligned = first & ~(page - 1);
        if (mode == 3) {
            memcpy(map + 8, &first, sizeof first);
            if (msync(map, offset, MS_SYNC) != 0) { perror("msync"); return 1; }
        } else {
            if (msync(map + aligned, offset - aligned, MS_SYNC) != 0) { perror("msync"); return 1; }
            if (mode == 2) {
                memcpy(map + 8, &offset, sizeof offset);
                if (msync(map, page, MS_SYNC) != 0) { perror("msync"); return 1; }
            }
        }
    }
    double seconds = now() - start;
    printf("mode %d, %d records per group: %.1f us per group, %.0f records/s\n",
           mode, per, seconds / groups * 1e6, groups * (double)per / seconds);
    munmap(map, size);
    close(fd);
    unlink(path);
    return 0;
}
