/*
 * OpenSSL's own key generation in a loop, in one process: the call `openssl genpkey` makes
 * (EVP_PKEY_keygen), without its process start, config loading and PEM output. The fair
 * reference for keys that take less time than starting a process (ECDSA).
 *
 *   keygen-loop <P-256|P-384|RSA-2048> <count>   ->   {"n":..,"wallMs":..,"cpuMs":..}
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static EVP_PKEY *generate(const char *alg) {
  if (strcmp(alg, "P-256") == 0) return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
  if (strcmp(alg, "P-384") == 0) return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
  if (strcmp(alg, "RSA-2048") == 0) return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: keygen-loop <P-256|P-384|RSA-2048> <count>\n");
    return 2;
  }
  int n = atoi(argv[2]);
  for (int i = 0; i < 20; i++) EVP_PKEY_free(generate(argv[1])); /* warm-up */
  double w0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
  for (int i = 0; i < n; i++) {
    EVP_PKEY *key = generate(argv[1]);
    if (!key) {
      fprintf(stderr, "keygen failed for %s\n", argv[1]);
      return 1;
    }
    EVP_PKEY_free(key);
  }
  double wall = now_ms(CLOCK_MONOTONIC) - w0, cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
  printf("{\"n\":%d,\"wallMs\":%.6f,\"cpuMs\":%.6f}\n", n, wall, cpu);
  return 0;
}
