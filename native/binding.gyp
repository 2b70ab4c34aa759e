{
  "targets": [
    {
      "target_name": "secure_memory",
      "sources": ["secure_memory.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-fstack-protector-strong"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
