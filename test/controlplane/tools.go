//go:build tools

// The control plane's commands, built by test/tools/install.sh from this module's graph
// (go build k8s.io/kubernetes/cmd/...); listed here so that `go mod tidy` keeps what they need.
package controlplane

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
