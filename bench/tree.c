/* Builds P5's tree fast: ROOT/tNNNN/dNNN/fK, TOP x PER directories with FILES empty files each.
 * A C loop because a JVM creating a million files took minutes on the shared bench machine.
 * Usage: bench-tree ROOT TOP PER FILES */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s ROOT TOP PER FILES\n", argv[0]);
    return 64;
  }
  const char *root = argv[1];
  int top = atoi(argv[2]), per = atoi(argv[3]), files = atoi(argv[4]);
  char p[4096];
  for (int i = 0; i < top; i++) {
    snprintf(p, sizeof p, "%s/t%04d", root, i);
    if (mkdir(p, 0755) != 0) { perror(p); return 1; }
    for (int j = 0; j < per; j++) {
      snprintf(p, sizeof p, "%s/t%04d/d%03d", root, i, j);
      if (mkdir(p, 0755) != 0) { perror(p); return 1; }
      for (int k = 0; k < files; k++) {
        snprintf(p, sizeof p, "%s/t%04d/d%03d/f%d", root, i, j, k);
        int fd = open(p, O_CREAT | O_WRONLY | O_EXCL, 0644);
        if (fd < 0) { perror(p); return 1; }
        close(fd);
      }
    }
  }
  return 0;
}
