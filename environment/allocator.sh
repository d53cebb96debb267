# Sourced by ./dwgan and environment/install.sh: picks the native memory allocator of the JVM.
#
# libtorch allocates and frees large tensors every step. Under glibc's malloc in a JVM, most of
# them come back as fresh pages from the kernel each time, and the page faults cost more than some
# of the arithmetic (measured: 4.2M minor faults and 2.9 s per DepthwiseDG D step at 128 px batch
# 4, against 0.8M and 1.4 s under tcmalloc; docs/bench.md). tcmalloc keeps freed pages for reuse.
#
# DWGAN_MALLOC chooses: tcmalloc (the default; Debian's libtcmalloc-minimal4, used when
# installed), glibc (no preload), or the path of a malloc library to preload.

# Prints the library to preload, or nothing for glibc's malloc; fails on a bad DWGAN_MALLOC.
dwgan_malloc_library() {
  local choice="${DWGAN_MALLOC:-tcmalloc}" f
  case "$choice" in
    glibc) return 0 ;;
    tcmalloc)
      f=$(/sbin/ldconfig -p 2>/dev/null | awk '/libtcmalloc_minimal\.so\.4 /{print $NF; exit}')
      if [ -z "$f" ]; then
        for f in /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
            /usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4 /usr/lib64/libtcmalloc_minimal.so.4
        do
          [ -f "$f" ] && break
          f=""
        done
      fi
      [ -n "$f" ] && echo "$f"
      return 0 ;;
    *)
      if [ -f "$choice" ]; then
        echo "$choice"
      else
        echo "DWGAN_MALLOC=$choice: not tcmalloc, glibc or an existing library file" >&2
        return 1
      fi ;;
  esac
}
