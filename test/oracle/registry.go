package main

// The registry: for every kind the oracle judges, a real generic REST store of
// k8s.io/apiserver wired to the registry strategy k8s.io/kubernetes uses for
// it, over an in-memory storage that keeps nothing. Store.Create then runs the
// same steps as in a kube-apiserver (system metadata, BeginCreate hooks,
// rest.BeforeCreate with PrepareForCreate, Validate, ObjectMeta validation,
// WarningsOnCreate, Canonicalize). Services use the real Service REST of
// pkg/registry/core/service/storage, with in-memory ClusterIP and NodePort
// allocators, so the allocators' verdicts are the real ones too.

import (
	"context"
	"fmt"
	"net"
	"reflect"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilnet "k8s.io/apimachinery/pkg/util/net"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/apiserver/pkg/registry/generic"
	genericregistry "k8s.io/apiserver/pkg/registry/generic/registry"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage"
	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/apiserver/pkg/storage/storagebackend/factory"
	"k8s.io/client-go/tools/cache"

	"k8s.io/kubernetes/pkg/api/legacyscheme"
	api "k8s.io/kubernetes/pkg/apis/core"

	// API groups registered into legacyscheme.Scheme (types, defaults, conversions).
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"

	"k8s.io/kubernetes/pkg/registry/apps/daemonset"
	"k8s.io/kubernetes/pkg/registry/apps/deployment"
	"k8s.io/kubernetes/pkg/registry/apps/replicaset"
	"k8s.io/kubernetes/pkg/registry/apps/statefulset"
	"k8s.io/kubernetes/pkg/registry/autoscaling/horizontalpodautoscaler"
	"k8s.io/kubernetes/pkg/registry/batch/cronjob"
	"k8s.io/kubernetes/pkg/registry/batch/job"
	"k8s.io/kubernetes/pkg/registry/core/configmap"
	"k8s.io/kubernetes/pkg/registry/core/limitrange"
	"k8s.io/kubernetes/pkg/registry/core/namespace"
	"k8s.io/kubernetes/pkg/registry/core/persistentvolumeclaim"
	"k8s.io/kubernetes/pkg/registry/core/pod"
	"k8s.io/kubernetes/pkg/registry/core/replicationcontroller"
	"k8s.io/kubernetes/pkg/registry/core/resourcequota"
	"k8s.io/kubernetes/pkg/registry/core/secret"
	"k8s.io/kubernetes/pkg/registry/core/service/ipallocator"
	"k8s.io/kubernetes/pkg/registry/core/service/portallocator"
	servicestorage "k8s.io/kubernetes/pkg/registry/core/service/storage"
	"k8s.io/kubernetes/pkg/registry/core/serviceaccount"
	"k8s.io/kubernetes/pkg/registry/networking/ingress"
	"k8s.io/kubernetes/pkg/registry/networking/ingressclass"
	"k8s.io/kubernetes/pkg/registry/networking/networkpolicy"
	"k8s.io/kubernetes/pkg/registry/policy/poddisruptionbudget"
)

// servedVersions are the group/versions a v1.28 kube-apiserver serves by
// default for the groups registered above. The scheme also knows older
// versions (apps/v1beta2, batch/v1beta1, policy/v1beta1, autoscaling/v2beta2,
// networking.k8s.io/v1alpha1, ...) that 1.28 no longer serves or serves only
// when enabled.
var servedVersions = map[schema.GroupVersion]bool{
	{Group: "", Version: "v1"}:                  true,
	{Group: "apps", Version: "v1"}:              true,
	{Group: "batch", Version: "v1"}:             true,
	{Group: "autoscaling", Version: "v1"}:       true,
	{Group: "autoscaling", Version: "v2"}:       true,
	{Group: "policy", Version: "v1"}:            true,
	{Group: "networking.k8s.io", Version: "v1"}: true,
}

// builtinGroups whose every served kind a 1.28 server knows; a kind outside
// them could be a custom resource, which the oracle cannot judge.
var builtinGroups = map[string]bool{
	"": true, "apps": true, "batch": true, "autoscaling": true, "policy": true,
	"networking.k8s.io": true, "extensions": true,
}

type kindEntry struct {
	resource string
	strategy rest.RESTCreateStrategy
}

var kinds = map[schema.GroupKind]kindEntry{
	{Group: "", Kind: "Pod"}:                                {"pods", pod.Strategy},
	{Group: "", Kind: "Service"}:                            {"services", nil}, // real Service REST
	{Group: "", Kind: "ConfigMap"}:                          {"configmaps", configmap.Strategy},
	{Group: "", Kind: "Secret"}:                             {"secrets", secret.Strategy},
	{Group: "", Kind: "ServiceAccount"}:                     {"serviceaccounts", serviceaccount.Strategy},
	{Group: "", Kind: "PersistentVolumeClaim"}:              {"persistentvolumeclaims", persistentvolumeclaim.Strategy},
	{Group: "", Kind: "Namespace"}:                          {"namespaces", namespace.Strategy},
	{Group: "", Kind: "ReplicationController"}:              {"replicationcontrollers", replicationcontroller.Strategy},
	{Group: "", Kind: "LimitRange"}:                         {"limitranges", limitrange.Strategy},
	{Group: "", Kind: "ResourceQuota"}:                      {"resourcequotas", resourcequota.Strategy},
	{Group: "apps", Kind: "Deployment"}:                     {"deployments", deployment.Strategy},
	{Group: "apps", Kind: "StatefulSet"}:                    {"statefulsets", statefulset.Strategy},
	{Group: "apps", Kind: "DaemonSet"}:                      {"daemonsets", daemonset.Strategy},
	{Group: "apps", Kind: "ReplicaSet"}:                     {"replicasets", replicaset.Strategy},
	{Group: "batch", Kind: "Job"}:                           {"jobs", job.Strategy},
	{Group: "batch", Kind: "CronJob"}:                       {"cronjobs", cronjob.Strategy},
	{Group: "networking.k8s.io", Kind: "NetworkPolicy"}:     {"networkpolicies", networkpolicy.Strategy},
	{Group: "networking.k8s.io", Kind: "Ingress"}:           {"ingresses", ingress.Strategy},
	{Group: "networking.k8s.io", Kind: "IngressClass"}:      {"ingressclasses", ingressclass.Strategy},
	{Group: "policy", Kind: "PodDisruptionBudget"}:          {"poddisruptionbudgets", poddisruptionbudget.Strategy},
	{Group: "autoscaling", Kind: "HorizontalPodAutoscaler"}: {"horizontalpodautoscalers", horizontalpodautoscaler.Strategy},
}

// recordingStrategy delegates to a registry strategy and keeps what its
// Validate returned, so that errors can be reported with their bad values
// (a StatusError only carries field, type and message).
type recordingStrategy struct {
	rest.RESTCreateStrategy
	validated bool
	errs      field.ErrorList
}

func (r *recordingStrategy) Validate(ctx context.Context, obj runtime.Object) field.ErrorList {
	r.validated = true
	r.errs = r.RESTCreateStrategy.Validate(ctx, obj)
	return r.errs
}

func (r *recordingStrategy) reset() { r.validated, r.errs = false, nil }

type store struct {
	resource string
	creater  rest.Creater
	recorder *recordingStrategy
}

// registry holds one store per judged kind and the shared allocators, so a
// nodePort or clusterIP is handed out once across the whole input.
type registry struct {
	stores map[schema.GroupKind]*store
}

func newRegistry(nodePortRange, serviceCIDR string, requestedNodePorts map[int]bool) (*registry, error) {
	pr, err := utilnet.ParsePortRange(nodePortRange)
	if err != nil {
		return nil, fmt.Errorf("-node-port-range %q: %v", nodePortRange, err)
	}
	_, cidr, err := net.ParseCIDR(serviceCIDR)
	if err != nil {
		return nil, fmt.Errorf("-service-cidr %q: %v", serviceCIDR, err)
	}
	family := api.IPv4Protocol
	if cidr.IP.To4() == nil {
		family = api.IPv6Protocol
	}
	ipAlloc, err := ipallocator.NewInMemory(cidr)
	if err != nil {
		return nil, fmt.Errorf("service CIDR allocator: %v", err)
	}
	inMemory, err := portallocator.NewInMemory(*pr)
	if err != nil {
		return nil, fmt.Errorf("node port allocator: %v", err)
	}
	portAlloc := &reservingPorts{PortAllocator: inMemory, requested: requestedNodePorts}

	reg := &registry{stores: map[schema.GroupKind]*store{}}
	getter := optsGetter{}
	for gk, k := range kinds {
		if gk.Kind == "Service" {
			svc, _, _, err := servicestorage.NewREST(getter, family,
				map[api.IPFamily]ipallocator.Interface{family: ipAlloc}, portAlloc, nil, nil, nil)
			if err != nil {
				return nil, fmt.Errorf("service storage: %v", err)
			}
			rec := &recordingStrategy{RESTCreateStrategy: svc.Store.CreateStrategy}
			svc.Store.CreateStrategy = rec
			reg.stores[gk] = &store{resource: k.resource, creater: svc, recorder: rec}
			continue
		}
		internal := gk.WithVersion(runtime.APIVersionInternal)
		if _, err := legacyscheme.Scheme.New(internal); err != nil {
			return nil, fmt.Errorf("%v not in scheme: %v", gk, err)
		}
		listGVK := internal
		listGVK.Kind += "List"
		rec := &recordingStrategy{RESTCreateStrategy: k.strategy}
		s := &genericregistry.Store{
			NewFunc:                   func() runtime.Object { o, _ := legacyscheme.Scheme.New(internal); return o },
			NewListFunc:               func() runtime.Object { o, _ := legacyscheme.Scheme.New(listGVK); return o },
			DefaultQualifiedResource:  schema.GroupResource{Group: gk.Group, Resource: k.resource},
			SingularQualifiedResource: schema.GroupResource{Group: gk.Group, Resource: k.resource},
			CreateStrategy:            rec,
			UpdateStrategy:            k.strategy.(rest.RESTUpdateStrategy),
			DeleteStrategy:            k.strategy.(rest.RESTDeleteStrategy),
			TableConvertor:            rest.NewDefaultTableConvertor(schema.GroupResource{Group: gk.Group, Resource: k.resource}),
		}
		if err := s.CompleteWithOptions(&generic.StoreOptions{RESTOptions: getter}); err != nil {
			return nil, fmt.Errorf("%v store: %v", gk, err)
		}
		reg.stores[gk] = &store{resource: k.resource, creater: s, recorder: rec}
	}
	return reg, nil
}

// optsGetter hands every store the null storage below (its GetRESTOptions is in version_compat.go).
type optsGetter struct{}


func nullDecorator(*storagebackend.ConfigForResource, string, func(runtime.Object) (string, error),
	func() runtime.Object, func() runtime.Object, storage.AttrFunc, storage.IndexerFuncs, *cache.Indexers,
) (storage.Interface, factory.DestroyFunc, error) {
	return nullStorage{}, func() {}, nil
}

// nullStorage accepts every Create (copying the object out, as etcd would
// return it) and keeps nothing: each manifest is created into an empty
// cluster, so two objects of the same name do not collide.
type nullStorage struct{}

var versioner = storage.APIObjectVersioner{}

func (nullStorage) Versioner() storage.Versioner { return versioner }

func (nullStorage) Create(_ context.Context, key string, obj, out runtime.Object, _ uint64) error {
	reflect.ValueOf(out).Elem().Set(reflect.ValueOf(obj.DeepCopyObject()).Elem())
	return versioner.UpdateObject(out, 1)
}

func (nullStorage) Watch(context.Context, string, storage.ListOptions) (watch.Interface, error) {
	return nil, fmt.Errorf("not supported")
}

func (nullStorage) Get(_ context.Context, key string, _ storage.GetOptions, _ runtime.Object) error {
	return storage.NewKeyNotFoundError(key, 0)
}

func (nullStorage) GetList(context.Context, string, storage.ListOptions, runtime.Object) error {
	return nil
}

func (nullStorage) GuaranteedUpdate(context.Context, string, runtime.Object, bool, *storage.Preconditions, storage.UpdateFunc, runtime.Object) error {
	return fmt.Errorf("not supported")
}

// reservingPorts is the real in-memory NodePort allocator, except that a
// port it hands out at random (a Service with no nodePort) is never one that
// another manifest of the input asks for by number: the verdicts do not
// depend on the order the random draw takes.
type reservingPorts struct {
	*portallocator.PortAllocator
	requested map[int]bool
}

func (p *reservingPorts) AllocateNext() (int, error) {
	var held []int
	defer func() {
		for _, h := range held {
			_ = p.PortAllocator.Release(h)
		}
	}()
	for {
		port, err := p.PortAllocator.AllocateNext()
		if err != nil || !p.requested[port] {
			return port, err
		}
		held = append(held, port)
	}
}
