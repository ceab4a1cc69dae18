/*
 * Burst writer for WatchBurst: creates N empty files as fast as one process can, spread
 * round-robin over the given (already existing, already watched) directories.
 * Each file is open(O_CREAT|O_WRONLY) + close: one IN_CREATE and one IN_CLOSE_WRITE.
 * Usage: burst N DIR...   Prints the creation time in ms on stdout.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: burst N DIR...\n");
    return 64;
  }
  long n = atol(argv[1]);
  int dirs = argc - 2;
  char path[4096];
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/f%06ld", argv[2 + i % dirs], i);
    int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) {
      perror(path);
      return 1;
    }
    close(fd);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.1f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
  return 0;
}
