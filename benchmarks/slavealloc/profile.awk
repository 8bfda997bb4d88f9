# Reads `jfr print --events jdk.ExecutionSample` and says where the samples fall: the share of samples whose
# stack passes through each layer (a sample may count in several), then the 25 methods most often on top.
function flush() {
    if (!in_stack) return
    samples++
    for (layer in seen) { layers[layer]++ }
    delete seen
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
    else if (frame ~ /^org\.relops\.slavealloc\.service\.TacRenderer/) seen["tac rendering"] = 1
    else if (frame ~ /^org\.relops\.slavealloc\.service\.Allocator|AllocationPolicy/) seen["allocation"] = 1
    else if (frame ~ /^org\.relops\.slavealloc\.service\.SlavePasswords|SecretBox/) seen["password decryption"] = 1
    else if (frame ~ /^org\.relops\.slavealloc\.service\.TacAccess/) seen["access check"] = 1
    else if (frame ~ /^io\.vertx\.|^io\.netty\./) seen["Vert.x / Netty (HTTP)"] = 1
    else if (frame ~ /^org\.jboss\.resteasy\.reactive|^io\.quarkus\.resteasy/) seen["RESTEasy Reactive"] = 1
    else if (frame ~ /^io\.micrometer\./) seen["Micrometer"] = 1
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
}
