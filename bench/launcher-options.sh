# Sourced by bench/run.sh and bench/upload.sh, after they set ROOT and DUMPER_JAR: the ./dumper
# launcher's JVM options, so that a benchmark runs dumper as users do.
#   LAUNCHER_JAVA_OPTS  its default_java_opts (one string)
#   JVM_FLAGS           its fixed jvm_flags, and its AOT cache when one sits beside the jar (the
#                       cache is used only with the flags it was trained with)
#   JVM_FLAGS_NO_AOT    the fixed flags alone
#   AOT_CACHE           where that cache is, or would be
LAUNCHER_JAVA_OPTS=$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$ROOT/dumper")
[ -n "$LAUNCHER_JAVA_OPTS" ] || { echo "cannot read default_java_opts from $ROOT/dumper" >&2; exit 1; }
read -r -a JVM_FLAGS <<< "$(sed -n 's/^jvm_flags="\(.*\)"$/\1/p' "$ROOT/dumper")"
JVM_FLAGS_NO_AOT=("${JVM_FLAGS[@]}")
AOT_CACHE=$(dirname "$DUMPER_JAR")/app.aot
if [ -f "$AOT_CACHE" ]; then
  JVM_FLAGS+=("-XX:AOTCache=$AOT_CACHE")
fi
