// What differs between the Kubernetes releases the oracle is built at: this file is every newer
// module's (v1.M/version_compat.go links here; Go skips a directory whose name starts with "_",
// so the 1.28 module does not compile it); the other sources are test/oracle/'s (symlinks).
package main

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/registry/generic"
	"k8s.io/apiserver/pkg/storage"
	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/kubernetes/pkg/capabilities"
	"k8s.io/pod-security-admission/policy"
)

// setAllowPrivileged sets the API server's --allow-privileged. kube-apiserver initializes the
// capabilities once at start; reset them for each run.
func setAllowPrivileged(allow bool) {
	capabilities.ResetForTest()
	capabilities.Initialize(capabilities.Capabilities{AllowPrivileged: allow})
}

// newEvaluator is Pod Security's evaluator of every check at every version (no emulated version).
func newEvaluator() (policy.Evaluator, error) {
	return policy.NewEvaluator(policy.DefaultChecks(), nil)
}

func (optsGetter) GetRESTOptions(resource schema.GroupResource, _ runtime.Object) (generic.RESTOptions, error) {
	return generic.RESTOptions{
		StorageConfig:  &storagebackend.ConfigForResource{GroupResource: resource},
		Decorator:      nullDecorator,
		ResourcePrefix: "/" + resource.Group + "/" + resource.Resource,
	}, nil
}

func (nullStorage) Delete(context.Context, string, runtime.Object, *storage.Preconditions, storage.ValidateObjectFunc, runtime.Object, storage.DeleteOptions) error {
	return fmt.Errorf("not supported")
}

func (nullStorage) Stats(context.Context) (storage.Stats, error) { return storage.Stats{}, nil }

func (nullStorage) ReadinessCheck() error { return nil }

func (nullStorage) RequestWatchProgress(context.Context) error { return nil }

func (nullStorage) GetCurrentResourceVersion(context.Context) (uint64, error) { return 1, nil }

func (nullStorage) EnableResourceSizeEstimation(storage.KeysFunc) error { return nil }

func (nullStorage) CompactRevision() int64 { return 0 }
