/*
 * Secure-memory helpers for key buffers (N-API, plain C, ABI-stable).
 *   lockBuffer(buf)     -> { locked: boolean, dontDump: boolean }
 *                          mlock + madvise(MADV_DONTDUMP) on the page-aligned range holding buf
 *   disableCoreDumps()  -> { rlimit: boolean, dumpable: boolean }
 *                          setrlimit(RLIMIT_CORE, 0) + prctl(PR_SET_DUMPABLE, 0)
 * Failures (e.g. RLIMIT_MEMLOCK too low) are reported as false, never thrown: callers fall back.
 */
#define _GNU_SOURCE
#include <node_api.h>
#include <stdint.h>
#include <stddef.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static napi_value make_result(napi_env env, const char *k1, int v1, const char *k2, int v2) {
  napi_value obj, a, b;
  napi_create_object(env, &obj);
  napi_get_boolean(env, v1, &a);
  napi_get_boolean(env, v2, &b);
  napi_set_named_property(env, obj, k1, a);
  napi_set_named_property(env, obj, k2, b);
  return obj;
}

static napi_value LockBuffer(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  void *data = NULL;
  size_t length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    napi_throw_type_error(env, NULL, "lockBuffer expects a Uint8Array");
    return NULL;
  }
  bool is_typed = false;
  napi_is_typedarray(env, argv[0], &is_typed);
  if (is_typed) {
    napi_typedarray_type type;
    size_t count, offset;
    napi_value ab;
    napi_get_typedarray_info(env, argv[0], &type, &count, &data, &ab, &offset);
    length = count; /* Uint8Array: element size 1; other views are rejected below */
    if (type != napi_uint8_array && type != napi_uint8_clamped_array) {
      napi_throw_type_error(env, NULL, "lockBuffer expects a Uint8Array");
      return NULL;
    }
  } else {
    napi_throw_type_error(env, NULL, "lockBuffer expects a Uint8Array");
    return NULL;
  }
  if (data == NULL || length == 0) return make_result(env, "locked", 0, "dontDump", 0);
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0) page = 4096;
  uintptr_t start = (uintptr_t)data & ~((uintptr_t)page - 1);
  uintptr_t end = ((uintptr_t)data + length + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
  int locked = mlock((void *)start, end - start) == 0;
  int dontdump = 0;
#ifdef MADV_DONTDUMP
  dontdump = madvise((void *)start, end - start, MADV_DONTDUMP) == 0;
#endif
  return make_result(env, "locked", locked, "dontDump", dontdump);
}

static napi_value DisableCoreDumps(napi_env env, napi_callback_info info) {
  (void)info;
  struct rlimit none = {0, 0};
  int rl = setrlimit(RLIMIT_CORE, &none) == 0;
  int dumpable = 0;
#ifdef __linux__
  dumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
#endif
  return make_result(env, "rlimit", rl, "dumpable", dumpable);
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"lockBuffer", NULL, LockBuffer, NULL, NULL, NULL, napi_default, NULL},
    {"disableCoreDumps", NULL, DisableCoreDumps, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
