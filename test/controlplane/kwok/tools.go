//go:build tools

// kwok (the fake nodes and their pods), in its own module graph: built by
// test/tools/install.sh with `go build sigs.k8s.io/kwok/cmd/kwok`.
package kwok

import _ "sigs.k8s.io/kwok/cmd/kwok"
