// What differs between the Kubernetes releases the oracle is built at: this file is the
// Kubernetes 1.28 module's (test/oracle/); each test/oracle/v1.M/ has its own version_compat.go
// beside the shared sources (symlinks), with the same functions over that release's API.
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

// setAllowPrivileged sets the API server's --allow-privileged. kube-apiserver calls
// capabilities.Setup once at start; Setup can only run once per process, so set the value
// directly for each run.
func setAllowPrivileged(allow bool) {
	capabilities.SetForTests(capabilities.Capabilities{AllowPrivileged: allow})
}

// newEvaluator is Pod Security's evaluator of every check at every version.
func newEvaluator() (policy.Evaluator, error) {
	return policy.NewEvaluator(policy.DefaultChecks())
}

func (optsGetter) GetRESTOptions(resource schema.GroupResource) (generic.RESTOptions, error) {
	return generic.RESTOptions{
		StorageConfig:  &storagebackend.ConfigForResource{GroupResource: resource},
		Decorator:      nullDecorator,
		ResourcePrefix: "/" + resource.Group + "/" + resource.Resource,
	}, nil
}

func (nullStorage) Delete(context.Context, string, runtime.Object, *storage.Preconditions, storage.ValidateObjectFunc, runtime.Object) error {
	return fmt.Errorf("not supported")
}

func (nullStorage) Count(string) (int64, error) { return 0, nil }

func (nullStorage) RequestWatchProgress(context.Context) error { return nil }
