#!/bin/sh
# Refuses a properties file that holds a literal credential, so that a password written into
# application.properties never ships inside an image (the Dockerfiles run it on the file they
# copy). A key whose name holds "password", "secret" or "token" may only be empty or take its
# value from the environment (${DB_PASSWORD} or ${DB_PASSWORD:}); a JDBC URL may not carry a
# password= property. Names the keys, never the values; exit 1 when one is found.
# Usage: no-credentials.sh application.properties
awk '
/^[ \t]*([#!]|$)/ { next }
{
    i = match($0, /[=:]/)
    if (i == 0) next
    key = substr($0, 1, i - 1); value = substr($0, i + 1)
    gsub(/^[ \t]+|[ \t]+$/, "", key)
    literal = value
    gsub(/\$\{[A-Za-z0-9_.-]+:?\}/, "", literal); gsub(/^[ \t]+|[ \t]+$/, "", literal)
    if ((tolower(key) ~ /password|secret|token/ && literal != "") || tolower(value) ~ /password=[^$&;]/) {
        found = found (found == "" ? "" : ", ") key
    }
}
END {
    if (found != "") {
        print "dumper: " FILENAME " holds a credential in " found "; take it from the environment instead (for example ${DB_PASSWORD}) so that it is not built into the image"
        exit 1
    }
}' "$1"
