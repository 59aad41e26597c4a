package main

// The create pipeline of a kube-apiserver for one manifest: strict decode,
// defaulting, conversion to the internal type, the create handler's metadata
// and namespace handling, then the registry's Store.Create (see registry.go).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/warning"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"sigs.k8s.io/yaml"
)

// Result is the oracle's verdict on one object.
type Result struct {
	Source     string `json:"source"`
	Index      int    `json:"index"`
	Item       *int   `json:"item,omitempty"`
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Name       string `json:"name"`
	// Accepted is null when the oracle cannot judge the kind.
	Accepted    *bool        `json:"accepted"`
	Unsupported bool         `json:"unsupported,omitempty"`
	Note        string       `json:"note,omitempty"`
	Errors      []FieldError `json:"errors"`
	Warnings    []string     `json:"warnings"`
	// Status is the API server's answer when it refuses the object.
	Status      *Status      `json:"status,omitempty"`
	PodSecurity *PodSecurity `json:"podSecurity,omitempty"`
	// Object is the object as the API server would store and return it
	// (defaults, allocated clusterIP and nodePorts), with -created only.
	Object json.RawMessage `json:"object,omitempty"`
}

type FieldError struct {
	Field string `json:"field"`
	// Type is a stable code: field.ErrorType's value (FieldValueInvalid,
	// FieldValueRequired, ...) for validation errors, or one of
	// UnknownField, DuplicateField, DecodeError, ParseError, NoKindMatch,
	// MissingKind, or a StatusReason (BadRequest, ...).
	Type string `json:"type"`
	// Reason is the human form: field.ErrorType.String() ("Invalid value").
	Reason string          `json:"reason"`
	Value  json.RawMessage `json:"value,omitempty"`
	Detail string          `json:"detail"`
	// Origin: yaml, discovery, decode, strict-decoding, allocator, validation.
	Origin string `json:"origin"`
	// Message is the line kubectl prints for it ("field: Reason: value: detail").
	Message string `json:"message"`
}

type Status struct {
	Code    int32  `json:"code"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type judge struct {
	reg              *registry
	defaultNamespace string
	showCreated      bool
}

type warnings struct{ list []string }

func (w *warnings) AddWarning(_, text string) { w.list = append(w.list, text) }

func ptr[T any](v T) *T { return &v }

func newResult(d doc) Result {
	return Result{Source: d.source, Index: d.index, Item: d.item, Errors: []FieldError{}, Warnings: []string{}}
}

func (r *Result) refuse(fe FieldError, st *Status) {
	r.Accepted = ptr(false)
	r.Errors = append(r.Errors, fe)
	if r.Status == nil {
		r.Status = st
	}
}

// judgeDoc judges one document; a kind: List gives one result per item. A
// panic in the judged code becomes an InternalError result.
func (j *judge) judgeDoc(d doc) (results []Result) {
	defer func() {
		if p := recover(); p != nil {
			r := newResult(d)
			msg := fmt.Sprintf("k8s-oracle: panic while judging: %v", p)
			r.refuse(FieldError{Type: "InternalError", Reason: "Internal error", Detail: msg, Origin: "validation", Message: msg},
				&Status{Reason: "InternalError", Code: 500, Message: msg})
			results = []Result{r}
		}
	}()
	return j.judgeOne(d)
}

func (j *judge) judgeOne(d doc) []Result {
	r := newResult(d)
	js, err := yaml.YAMLToJSON(d.raw)
	if err != nil {
		msg := err.Error()
		r.refuse(FieldError{Type: "ParseError", Reason: "YAML parse error", Detail: msg, Origin: "yaml", Message: msg},
			&Status{Reason: "ParseError", Message: msg})
		return []Result{r}
	}
	id, err := readIdentity(js)
	if err != nil {
		msg := err.Error()
		r.refuse(FieldError{Type: "DecodeError", Reason: "Decode error", Detail: msg, Origin: "decode", Message: msg},
			&Status{Reason: "DecodeError", Message: msg})
		return []Result{r}
	}
	r.APIVersion, r.Kind = id.APIVersion, id.Kind
	r.Namespace, r.Name = id.Metadata.Namespace, id.Metadata.Name
	if d.item == nil && id.APIVersion == "v1" && strings.HasSuffix(id.Kind, "List") && id.Items != nil {
		// kubectl sends each item of a List on its own.
		var out []Result
		for i, item := range id.Items {
			out = append(out, j.judgeDoc(doc{source: d.source, index: d.index, item: ptr(i), raw: item})...)
		}
		return out
	}
	if id.Kind == "" || id.APIVersion == "" {
		missing := "Kind"
		if id.Kind != "" {
			missing = "apiVersion"
		}
		msg := fmt.Sprintf("Object '%s' is missing", missing)
		r.refuse(FieldError{Field: strings.ToLower(missing[:1]) + missing[1:], Type: "MissingKind", Reason: "Missing " + missing,
			Detail: msg, Origin: "decode", Message: msg}, &Status{Reason: "BadRequest", Code: 400, Message: msg})
		return []Result{r}
	}
	gv, err := schema.ParseGroupVersion(id.APIVersion)
	if err != nil {
		msg := err.Error()
		r.refuse(FieldError{Field: "apiVersion", Type: "DecodeError", Reason: "Decode error", Detail: msg, Origin: "decode", Message: msg},
			&Status{Reason: "BadRequest", Code: 400, Message: msg})
		return []Result{r}
	}
	gvk := gv.WithKind(id.Kind)
	if !builtinGroups[gv.Group] {
		r.Unsupported = true
		r.Note = fmt.Sprintf("group %q is not built into Kubernetes 1.28 (a custom resource?): not judged", gv.Group)
		return []Result{r}
	}
	if !servedVersions[gv] || !legacyscheme.Scheme.Recognizes(gvk) {
		msg := fmt.Sprintf("no matches for kind %q in version %q", gvk.Kind, gv.String())
		r.refuse(FieldError{Field: "apiVersion", Type: "NoKindMatch", Reason: "No matches for kind", Value: mustJSON(id.APIVersion),
			Detail: msg + " (not served by a Kubernetes 1.28 API server)", Origin: "discovery", Message: msg},
			&Status{Reason: "NotFound", Code: 404, Message: msg + "\nensure CRDs are installed first"})
		return []Result{r}
	}
	st, ok := j.reg.stores[gvk.GroupKind()]
	if !ok {
		r.Unsupported = true
		r.Note = fmt.Sprintf("%s is served by Kubernetes 1.28 but the oracle does not judge it", gvk.GroupKind())
		return []Result{r}
	}

	// 1. Strict decoding into the versioned type.
	obj, strictErrs, err := decodeStrict(d, gvk)
	handled := func(e string) string {
		return fmt.Sprintf("%s in version %q cannot be handled as a %s: %s", gvk.Kind, gvk.Version, gvk.Kind, e)
	}
	if err != nil {
		msg := err.Error()
		r.refuse(FieldError{Field: decodeErrorField(err), Type: "DecodeError", Reason: "Decode error", Detail: msg, Origin: "decode", Message: msg},
			&Status{Reason: "BadRequest", Code: 400, Message: handled(msg)})
		return []Result{r}
	}
	if obj == nil {
		msg := "strict decoding returned no object"
		r.refuse(FieldError{Type: "DecodeError", Reason: "Decode error", Detail: msg, Origin: "decode", Message: msg},
			&Status{Reason: "BadRequest", Code: 400, Message: handled(msg)})
		return []Result{r}
	}
	// 2. Defaulting.
	legacyscheme.Scheme.Default(obj)
	r.PodSecurity = judgePodSecurity(obj)
	if len(strictErrs) > 0 {
		var msgs []string
		for _, p := range strictErrs {
			msgs = append(msgs, p.msg)
		}
		st := &Status{Reason: "BadRequest", Code: 400, Message: handled("strict decoding error: " + strings.Join(msgs, ", "))}
		for _, p := range strictErrs {
			reason := "Unknown field"
			if p.kind == "DuplicateField" {
				reason = "Duplicate field"
			}
			r.refuse(FieldError{Field: p.field, Type: p.kind, Reason: reason, Detail: p.msg, Origin: "strict-decoding", Message: p.msg}, st)
		}
		return []Result{r}
	}
	versionedJSON := toGeneric(obj)

	// 3. Conversion to the internal type (the API server's hub version).
	internal, err := legacyscheme.Scheme.ConvertToVersion(obj.DeepCopyObject(), schema.GroupVersion{Group: gv.Group, Version: runtime.APIVersionInternal})
	if err != nil {
		r.refuse(FieldError{Type: "InternalError", Reason: "Internal error", Detail: err.Error(), Origin: "decode", Message: err.Error()},
			&Status{Reason: "InternalError", Code: 500, Message: err.Error()})
		return []Result{r}
	}

	// 4. The create handler: wipe system metadata, set the namespace.
	accessor, err := meta.Accessor(internal)
	if err != nil {
		r.refuse(FieldError{Type: "InternalError", Reason: "Internal error", Detail: err.Error(), Origin: "decode", Message: err.Error()},
			&Status{Reason: "InternalError", Code: 500, Message: err.Error()})
		return []Result{r}
	}
	namespaced := st.creater.(rest.Scoper).NamespaceScoped()
	requestNS := ""
	switch {
	case namespaced && id.Metadata.Namespace != "":
		requestNS = id.Metadata.Namespace
	case namespaced:
		requestNS = j.defaultNamespace // what kubectl does without -n
	case gvk.Group == "" && gvk.Kind == "Namespace":
		requestNS = accessor.GetName()
	}
	gvr := gv.WithResource(st.resource)
	rest.WipeObjectMetaSystemFields(accessor)
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(rest.ExpectedNamespaceForResource(requestNS, gvr), accessor); err != nil {
		j.statusError(&r, err, st, versionedJSON)
		return []Result{r}
	}

	// 5. The registry: Store.Create with the kind's strategy.
	prefix := "apis"
	if gv.Group == "" {
		prefix = "api"
	}
	w := &warnings{}
	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), requestNS)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Path: "/" + prefix, Verb: "create", APIPrefix: prefix,
		APIGroup: gv.Group, APIVersion: gv.Version, Namespace: requestNS, Resource: st.resource, Name: accessor.GetName(),
	})
	ctx = warning.WithWarningRecorder(ctx, w)
	st.recorder.reset()
	created, err := st.creater.Create(ctx, internal, nil, &metav1.CreateOptions{FieldValidation: metav1.FieldValidationStrict})
	r.Warnings = append(r.Warnings, w.list...)
	if err != nil {
		j.statusError(&r, err, st, versionedJSON)
		return []Result{r}
	}
	r.Accepted = ptr(true)
	if j.showCreated {
		if out, err := legacyscheme.Scheme.ConvertToVersion(created, gv); err == nil {
			r.Object, _ = json.Marshal(out)
		}
	}
	return []Result{r}
}

// statusError turns the registry's error into results, recovering each
// field error's bad value from what the strategy's Validate returned or,
// failing that, from the object itself.
func (j *judge) statusError(r *Result, err error, st *store, versionedJSON interface{}) {
	status, ok := err.(apierrors.APIStatus)
	if !ok {
		r.refuse(FieldError{Type: "InternalError", Reason: "Internal error", Detail: err.Error(), Origin: "validation", Message: err.Error()},
			&Status{Reason: "InternalError", Code: 500, Message: err.Error()})
		return
	}
	s := status.Status()
	stat := &Status{Code: s.Code, Reason: string(s.Reason), Message: s.Message}
	origin := "validation"
	if s.Reason == metav1.StatusReasonInvalid && !st.recorder.validated {
		origin = "allocator" // Service REST's BeginCreate runs before Validate
	}
	if s.Details == nil || len(s.Details.Causes) == 0 {
		r.refuse(FieldError{Type: string(s.Reason), Reason: string(s.Reason), Detail: s.Message, Origin: origin, Message: s.Message}, stat)
		return
	}
	for _, c := range s.Details.Causes {
		fe := FieldError{Field: c.Field, Type: string(c.Type), Reason: field.ErrorType(c.Type).String(), Origin: origin}
		if c.Field != "" {
			fe.Message = c.Field + ": " + c.Message
		} else {
			fe.Message = c.Message
		}
		matched := false
		for _, e := range st.recorder.errs {
			if e.Field == c.Field && string(e.Type) == string(c.Type) && e.ErrorBody() == c.Message {
				fe.Detail = e.Detail
				fe.Value = badValue(e)
				matched = true
				break
			}
		}
		if !matched {
			fe.Detail, fe.Value = detailFromMessage(c, versionedJSON)
		}
		r.refuse(fe, stat)
	}
}

// badValue renders a field.Error's value as JSON; nil when the error type
// carries none.
func badValue(e *field.Error) json.RawMessage {
	switch e.Type {
	case field.ErrorTypeRequired, field.ErrorTypeForbidden, field.ErrorTypeInternal:
		return nil
	}
	if _, omit := e.BadValue.(field.OmitValueType); omit {
		return nil
	}
	b, err := json.Marshal(e.BadValue)
	if err != nil {
		return mustJSON(fmt.Sprintf("%v", e.BadValue))
	}
	return b
}

// detailFromMessage splits a cause's message ("Invalid value: 29999:
// detail") by rebuilding the field.Error with the value found at its path.
func detailFromMessage(c metav1.StatusCause, obj interface{}) (string, json.RawMessage) {
	t := field.ErrorType(c.Type)
	if v, ok := lookupPath(obj, c.Field); ok {
		probe := field.Error{Type: t, Field: c.Field, BadValue: v}
		if body := probe.ErrorBody(); strings.HasPrefix(c.Message, body+": ") {
			return strings.TrimPrefix(c.Message, body+": "), badValue(&probe)
		}
	}
	return strings.TrimPrefix(c.Message, t.String()+": "), nil
}

func toGeneric(obj runtime.Object) interface{} {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v interface{}
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

// lookupPath follows a field path ("spec.ports[0].nodePort",
// "metadata.labels[app]") into a decoded JSON value.
func lookupPath(v interface{}, path string) (interface{}, bool) {
	if path == "" {
		return nil, false
	}
	var tokens []string
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				return nil, false
			}
			tokens = append(tokens, "["+path[i+1:i+end])
			i += end + 1
		default:
			end := strings.IndexAny(path[i:], ".[")
			if end < 0 {
				end = len(path) - i
			}
			tokens = append(tokens, path[i:i+end])
			i += end
		}
	}
	for _, t := range tokens {
		key := strings.TrimPrefix(t, "[")
		switch c := v.(type) {
		case map[string]interface{}:
			next, ok := c[key]
			if !ok {
				return nil, false
			}
			v = next
		case []interface{}:
			var n int
			if _, err := fmt.Sscanf(key, "%d", &n); err != nil || n < 0 || n >= len(c) {
				return nil, false
			}
			v = c[n]
		default:
			return nil, false
		}
	}
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return i, true
		}
		f, _ := n.Float64()
		return f, true
	}
	if v == nil || reflect.TypeOf(v).Kind() == reflect.Map || reflect.TypeOf(v).Kind() == reflect.Slice {
		return v, v != nil
	}
	return v, true
}

func mustJSON(v interface{}) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
