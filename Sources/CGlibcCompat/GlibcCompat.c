// The installed binary is built on Debian 12 (glibc 2.36) but should start on the clusters
// researchers log in to, many of which run glibc 2.34 (RHEL/Rocky/Alma 9, Ubuntu 22.04).
// A static build (SCALETOP_STATIC=1) links with `--wrap` for the only three functions that
// ask for a newer glibc, and the wrappers here stand in for them:
// - hypot and hypotf (from the static Foundation and Glibc overlay): glibc 2.35 gave them
//   new symbol versions that differ only in how errno is set; the 2.2.5 versions are used.
// - arc4random (from the static libstdc++'s std::random_device), new in glibc 2.36: the
//   same bytes from getrandom(2) (glibc 2.25), or /dev/urandom on a kernel without it.
// Written by hand because it is a linker-level fix no library provides.
#include <features.h>

#if defined(__linux__) && defined(__x86_64__) && defined(__GLIBC__)
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

__asm__(".symver scaletop_hypot_2_2_5, hypot@GLIBC_2.2.5");
__asm__(".symver scaletop_hypotf_2_2_5, hypotf@GLIBC_2.2.5");
double scaletop_hypot_2_2_5(double x, double y);
float scaletop_hypotf_2_2_5(float x, float y);

double __wrap_hypot(double x, double y) { return scaletop_hypot_2_2_5(x, y); }
float __wrap_hypotf(float x, float y) { return scaletop_hypotf_2_2_5(x, y); }

static int scaletop_urandom(void *buffer, size_t count) {
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < count) {
        ssize_t n = read(fd, (char *)buffer + done, count - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { close(fd); return -1; }
        done += (size_t)n;
    }
    close(fd);
    return 0;
}

// Like glibc's arc4random, it cannot fail: without any source of randomness it aborts.
uint32_t __wrap_arc4random(void) {
    uint32_t value;
    size_t done = 0;
    while (done < sizeof value) {
        ssize_t n = getrandom((char *)&value + done, sizeof value - done, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            if (scaletop_urandom(&value, sizeof value) == 0) return value;
            abort();
        }
        done += (size_t)n;
    }
    return value;
}
#endif
