package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// judgeYAML runs the oracle as the command line does, on stdin.
func judgeYAML(t *testing.T, manifests string, flags ...string) []Result {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(append(flags, "-compact"), strings.NewReader(manifests), &out, &errOut); code != 0 {
		t.Fatalf("exit code %d, stderr: %s", code, errOut.String())
	}
	var results []Result
	if err := json.Unmarshal(out.Bytes(), &results); err != nil {
		t.Fatalf("output is not a JSON array of results: %v\n%s", err, out.String())
	}
	return results
}

func one(t *testing.T, manifest string, flags ...string) Result {
	t.Helper()
	rs := judgeYAML(t, manifest, flags...)
	if len(rs) != 1 {
		t.Fatalf("want 1 result, got %d", len(rs))
	}
	return rs[0]
}

const plainPod = `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.25
`

const hardenedPod = `
apiVersion: v1
kind: Pod
metadata:
  name: hardened
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: web
      image: nginx:1.25
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
`

func nodePortService(name string, nodePort int) string {
	return strings.NewReplacer("NAME", name, "PORT", strconv.Itoa(nodePort)).Replace(`
apiVersion: v1
kind: Service
metadata: {name: NAME}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080, nodePort: PORT}]
`)
}

// hasError finds an error by field and type.
func hasError(r Result, fieldPath, typ string) *FieldError {
	for i := range r.Errors {
		if r.Errors[i].Field == fieldPath && r.Errors[i].Type == typ {
			return &r.Errors[i]
		}
	}
	return nil
}

func accepted(r Result) bool { return r.Accepted != nil && *r.Accepted }
func refused(r Result) bool  { return r.Accepted != nil && !*r.Accepted }

func TestVerdicts(t *testing.T) {
	cases := []struct {
		name     string
		manifest string
		flags    []string
		check    func(t *testing.T, r Result)
	}{
		{"plain pod is accepted, baseline", plainPod, nil, func(t *testing.T, r Result) {
			if !accepted(r) || len(r.Errors) != 0 {
				t.Fatalf("want accepted, got %+v", r)
			}
			if r.Namespace != "" || r.Name != "web" || r.Kind != "Pod" || r.APIVersion != "v1" {
				t.Errorf("identity as written: %+v", r)
			}
			ps := r.PodSecurity
			if ps == nil || ps.Level != "baseline" {
				t.Fatalf("want baseline, got %+v", ps)
			}
			if len(ps.Violations["restricted"]) != 4 || len(ps.Violations["baseline"]) != 0 {
				t.Errorf("violations: %+v", ps.Violations)
			}
			if !strings.HasPrefix(ps.Violations["restricted"][0], "allowPrivilegeEscalation != false: ") {
				t.Errorf("reason: detail form: %q", ps.Violations["restricted"][0])
			}
		}},
		{"hardened pod is restricted", hardenedPod, nil, func(t *testing.T, r Result) {
			if !accepted(r) || r.PodSecurity == nil || r.PodSecurity.Level != "restricted" || len(r.PodSecurity.Violations) != 0 {
				t.Fatalf("want accepted and restricted, got %+v %+v", r, r.PodSecurity)
			}
		}},
		{"privileged pod is accepted (allow-privileged) but privileged", `
apiVersion: v1
kind: Pod
metadata: {name: priv}
spec:
  hostNetwork: true
  containers: [{name: c, image: nginx, securityContext: {privileged: true}}]
`, nil, func(t *testing.T, r Result) {
			if !accepted(r) || r.PodSecurity.Level != "privileged" || len(r.PodSecurity.Violations["baseline"]) != 2 {
				t.Fatalf("got %+v %+v", r, r.PodSecurity)
			}
		}},
		{"privileged pod refused when the cluster disallows it", `
apiVersion: v1
kind: Pod
metadata: {name: priv}
spec:
  containers: [{name: c, image: nginx, securityContext: {privileged: true}}]
`, []string{"-allow-privileged=false"}, func(t *testing.T, r Result) {
			if !refused(r) || hasError(r, "spec.containers[0].securityContext.privileged", "FieldValueForbidden") == nil {
				t.Fatalf("got %+v", r)
			}
		}},
		{"pod template of a deployment is judged", `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`, nil, func(t *testing.T, r Result) {
			if !accepted(r) || r.PodSecurity == nil || r.PodSecurity.Level != "baseline" {
				t.Fatalf("got %+v", r)
			}
		}},
		{"service named 1-web is refused with DNS-1035", `
apiVersion: v1
kind: Service
metadata: {name: 1-web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`, nil, func(t *testing.T, r Result) {
			e := hasError(r, "metadata.name", "FieldValueInvalid")
			if !refused(r) || e == nil {
				t.Fatalf("got %+v", r)
			}
			if !strings.Contains(e.Detail, "DNS-1035") || string(e.Value) != `"1-web"` || e.Reason != "Invalid value" || e.Origin != "validation" {
				t.Errorf("error: %+v", e)
			}
			if r.Status == nil || r.Status.Code != 422 || !strings.HasPrefix(r.Status.Message, `Service "1-web" is invalid: metadata.name: Invalid value: "1-web": a DNS-1035 label`) {
				t.Errorf("status: %+v", r.Status)
			}
			if r.PodSecurity != nil {
				t.Errorf("no podSecurity for a Service")
			}
		}},
		{"externalName with a trailing dot is accepted and kept as written", `
apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: "foo.example.com."
`, []string{"-created"}, func(t *testing.T, r Result) {
			if !accepted(r) {
				t.Fatalf("got %+v", r)
			}
			var obj struct {
				Spec struct{ ExternalName string } `json:"spec"`
			}
			_ = json.Unmarshal(r.Object, &obj)
			// Validation trims the dot before checking the name; the stored
			// object keeps it.
			if obj.Spec.ExternalName != "foo.example.com." {
				t.Errorf("stored externalName %q", obj.Spec.ExternalName)
			}
		}},
		{"replicas beyond int32 is refused at decode", `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2147483648
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`, nil, func(t *testing.T, r Result) {
			e := hasError(r, "spec.replicas", "DecodeError")
			if !refused(r) || e == nil || e.Origin != "decode" || r.Status.Code != 400 {
				t.Fatalf("got %+v", r)
			}
			if !strings.Contains(r.Status.Message, `Deployment in version "v1" cannot be handled as a Deployment`) {
				t.Errorf("status: %+v", r.Status)
			}
		}},
		{"unknown field is refused by strict decoding", `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: nginx, imagePullPolicyy: Always}]
`, nil, func(t *testing.T, r Result) {
			if !refused(r) || hasError(r, "spec.containers[0].imagePullPolicyy", "UnknownField") == nil {
				t.Fatalf("got %+v", r)
			}
			if !strings.Contains(r.Status.Message, `strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"`) {
				t.Errorf("status: %+v", r.Status)
			}
		}},
		{"duplicate field is refused with its path", `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx
      image: httpd
`, nil, func(t *testing.T, r Result) {
			if !refused(r) || hasError(r, "spec.containers[0].image", "DuplicateField") == nil {
				t.Fatalf("got %+v", r)
			}
		}},
		{"upper-case image reference is accepted by 1.28", `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: "NGINX:Latest"}]
`, nil, func(t *testing.T, r Result) {
			// The API server only checks that the image is set and has no
			// surrounding whitespace; the runtime fails the pull later.
			if !accepted(r) || len(r.Warnings) != 0 {
				t.Fatalf("got %+v", r)
			}
		}},
		{"image with surrounding whitespace is refused", `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: " nginx"}]
`, nil, func(t *testing.T, r Result) {
			if !refused(r) || hasError(r, "spec.containers[0].image", "FieldValueInvalid") == nil {
				t.Fatalf("got %+v", r)
			}
		}},
		{"nodePort outside the range is refused by the allocator", nodePortService("web", 29999), nil, func(t *testing.T, r Result) {
			e := hasError(r, "spec.ports[0].nodePort", "FieldValueInvalid")
			if !refused(r) || e == nil || e.Origin != "allocator" || string(e.Value) != "29999" {
				t.Fatalf("got %+v", r)
			}
			if e.Detail != "provided port is not in the valid range. The range of valid ports is 30000-32767" {
				t.Errorf("detail %q", e.Detail)
			}
		}},
		{"nodePort range is a flag", nodePortService("web", 29999), []string{"-node-port-range", "20000-29999"}, func(t *testing.T, r Result) {
			if !accepted(r) {
				t.Fatalf("got %+v", r)
			}
		}},
		{"deprecated node label gives a warning", `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeSelector: {beta.kubernetes.io/arch: amd64}
  containers: [{name: web, image: nginx}]
`, nil, func(t *testing.T, r Result) {
			if !accepted(r) || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], `use "kubernetes.io/arch" instead`) {
				t.Fatalf("got %+v", r)
			}
		}},
		{"custom resource is not judged", `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web}
`, nil, func(t *testing.T, r Result) {
			if r.Accepted != nil || !r.Unsupported {
				t.Fatalf("got %+v", r)
			}
		}},
		{"removed API version is refused", `
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 1}
`, nil, func(t *testing.T, r Result) {
			if !refused(r) || hasError(r, "apiVersion", "NoKindMatch") == nil {
				t.Fatalf("got %+v", r)
			}
		}},
		{"malformed YAML gives an error, not a crash", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n", nil, func(t *testing.T, r Result) {
			if !refused(r) || len(r.Errors) != 1 || r.Errors[0].Type != "ParseError" {
				t.Fatalf("got %+v", r)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.check(t, one(t, c.manifest, c.flags...)) })
	}
}

func TestNodePortGivenOnceAcrossInput(t *testing.T) {
	rs := judgeYAML(t, nodePortService("a", 30080)+"---"+nodePortService("b", 30080)+"---"+nodePortService("c", 30081))
	if len(rs) != 3 || !accepted(rs[0]) || !refused(rs[1]) || !accepted(rs[2]) {
		t.Fatalf("got %+v", rs)
	}
	e := hasError(rs[1], "spec.ports[0].nodePort", "FieldValueInvalid")
	if e == nil || e.Detail != "provided port is already allocated" {
		t.Fatalf("got %+v", rs[1].Errors)
	}
}

func TestFilesAndDirectories(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.yaml", "# leading comment\n---\n"+plainPod+"---\n"+hardenedPod)
	write("a.json", `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "team"}, "data": {"k": "v"}}`)
	write("notes.md", "not a manifest")
	var out, errOut bytes.Buffer
	if code := run([]string{"-compact", dir}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var rs []Result
	if err := json.Unmarshal(out.Bytes(), &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("want 3 results, got %+v", rs)
	}
	want := []struct {
		file  string
		index int
		name  string
	}{{"a.json", 0, "cfg"}, {"b.yaml", 1, "web"}, {"b.yaml", 2, "hardened"}}
	for i, w := range want {
		if filepath.Base(rs[i].Source) != w.file || rs[i].Index != w.index || rs[i].Name != w.name || !accepted(rs[i]) {
			t.Errorf("result %d: %+v, want %+v", i, rs[i], w)
		}
	}
	if rs[0].Namespace != "team" {
		t.Errorf("namespace as written: %q", rs[0].Namespace)
	}
	if code := run([]string{filepath.Join(dir, "missing.yaml")}, nil, &out, &errOut); code == 0 {
		t.Errorf("a missing file must be an error")
	}
}
