# Reads `jfr print --stack-depth 64 --events jdk.ExecutionSample` of one relops service and says where its samples
# fall: the share of samples whose stack passes through each layer (a sample may count in several), then the 25
# methods most often on top of the stack, then the 25 relops methods most often on the stack. The benchmarks that
# profile (burst, slavealloc) all read their recordings with it.
function flush() {
    if (!in_stack) return
    samples++
    for (layer in seen) { layers[layer]++ }
    for (method in ours) { relops[method]++ }
    delete seen
    delete ours
    if (top != "") tops[top]++
    top = ""; in_stack = 0
}
/stackTrace = \[/ { flush(); in_stack = 1; first = 1; next }
in_stack && /^[[:space:]]+[a-zA-Z_$][a-zA-Z0-9_$.]*\(/ {
    frame = $1
    sub(/\(.*/, "", frame)
    if (first) { top = frame; first = 0 }
    if (frame ~ /^org\.postgresql\./) seen["PostgreSQL JDBC driver"] = 1
    else if (frame ~ /^org\.hibernate\./) seen["Hibernate ORM"] = 1
    else if (frame ~ /^io\.agroal\./) seen["Agroal connection pool"] = 1
    else if (frame ~ /^com\.arjuna\.|^io\.quarkus\.narayana/) seen["Narayana transactions"] = 1
    else if (frame ~ /^com\.rabbitmq\./) seen["RabbitMQ client"] = 1
    else if (frame ~ /^com\.fasterxml\.jackson\./) seen["Jackson (JSON)"] = 1
    else if (frame ~ /^io\.vertx\.|^io\.netty\./) seen["Vert.x / Netty"] = 1
    else if (frame ~ /^org\.jboss\.resteasy\.reactive|^io\.quarkus\.resteasy/) seen["RESTEasy Reactive"] = 1
    else if (frame ~ /^io\.micrometer\./) seen["Micrometer"] = 1
    else if (frame ~ /^org\.jboss\.logmanager\.|^org\.jboss\.logging\./) seen["logging"] = 1
    # slavealloc-service's /gettac, by step
    else if (frame ~ /^org\.relops\.slavealloc\.service\.TacRenderer/) seen["tac rendering"] = 1
    else if (frame ~ /^org\.relops\.slavealloc\.service\.Allocator|AllocationPolicy/) seen["allocation"] = 1
    else if (frame ~ /^org\.relops\.slavealloc\.service\.SlavePasswords|SecretBox/) seen["password decryption"] = 1
    else if (frame ~ /^org\.relops\.slavealloc\.service\.TacAccess/) seen["access check"] = 1
    else if (frame ~ /^org\.relops\./) { seen["relops code"] = 1; ours[frame] = 1 }
    next
}
in_stack && /^[[:space:]]*\]/ { flush(); next }
END {
    flush()
    printf "%d samples\n\nshare of samples passing through:\n", samples
    for (layer in layers) printf "  %5.1f%%  %s\n", 100 * layers[layer] / samples, layer | "sort -rn"
    close("sort -rn")
    printf "\nmost often on top of the stack:\n"
    for (method in tops) printf "  %5.1f%%  %s\n", 100 * tops[method] / samples, method | "sort -rn | head -25"
    close("sort -rn | head -25")
    printf "\nrelops methods most often on the stack:\n"
    for (method in relops) printf "  %5.1f%%  %s\n", 100 * relops[method] / samples, method | "sort -rn | head -25"
    close("sort -rn | head -25")
}
