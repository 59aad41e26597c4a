// Command k8s-oracle tells what a Kubernetes 1.28 API server would answer to
// the creation of each manifest it reads, and which Pod Security level each
// pod (or pod template) meets. See README.md.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/klog/v2"
	"sigs.k8s.io/yaml"
)

func main() {
	// The registry code logs allocations through klog; keep stderr quiet.
	klogFlags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(klogFlags)
	_ = klogFlags.Set("logtostderr", "false")
	_ = klogFlags.Set("stderrthreshold", "FATAL")
	klog.SetOutput(io.Discard)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("k8s-oracle", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nodePortRange := fs.String("node-port-range", "30000-32767", "the cluster's --service-node-port-range")
	serviceCIDR := fs.String("service-cidr", "10.96.0.0/12", "the cluster's --service-cluster-ip-range (single stack)")
	namespace := fs.String("namespace", "default", "namespace objects without metadata.namespace are created in")
	compact := fs.Bool("compact", false, "print the JSON array on one line")
	allowPrivileged := fs.Bool("allow-privileged", true,
		"the cluster's --allow-privileged (kube-apiserver defaults to false; kubeadm, kind, minikube and the managed clouds set true)")
	showCreated := fs.Bool("created", false, "add to each accepted result the object as the API server would return it")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: k8s-oracle [flags] [file|dir|- ...]  (no argument: read stdin)\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}

	// kube-apiserver calls capabilities.Setup once at start; Setup can only
	// run once per process, so set the value directly for each run.
	setAllowPrivileged(*allowPrivileged)

	docs, err := readInputs(fs.Args(), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "k8s-oracle: %v\n", err)
		return 1
	}
	reg, err := newRegistry(*nodePortRange, *serviceCIDR, requestedNodePorts(docs))
	if err != nil {
		fmt.Fprintf(stderr, "k8s-oracle: %v\n", err)
		return 2
	}
	j := &judge{reg: reg, defaultNamespace: *namespace, showCreated: *showCreated}
	results := []Result{}
	for _, d := range docs {
		results = append(results, j.judgeDoc(d)...)
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if !*compact {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(results); err != nil {
		fmt.Fprintf(stderr, "k8s-oracle: %v\n", err)
		return 1
	}
	return 0
}

// readInputs reads every document of the inputs, in order: files as given,
// directories as their *.yaml, *.yml and *.json files sorted by name, "-" or
// no argument at all for stdin.
func readInputs(args []string, stdin io.Reader) ([]doc, error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	var docs []doc
	read := func(source string, r io.Reader) error {
		ds, err := splitDocuments(source, r)
		if err != nil {
			return fmt.Errorf("%s: %v", source, err)
		}
		docs = append(docs, ds...)
		return nil
	}
	readFile := func(path string) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return read(path, f)
	}
	for _, arg := range args {
		if arg == "-" {
			if err := read("stdin", stdin); err != nil {
				return nil, err
			}
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if err := readFile(arg); err != nil {
				return nil, err
			}
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			if err := readFile(filepath.Join(arg, n)); err != nil {
				return nil, err
			}
		}
	}
	return docs, nil
}

// requestedNodePorts collects the node ports the input's Services ask for by
// number, so that random allocations avoid them (see reservingPorts).
func requestedNodePorts(docs []doc) map[int]bool {
	ports := map[int]bool{}
	var visit func(v interface{})
	visit = func(v interface{}) {
		m, ok := v.(map[string]interface{})
		if !ok {
			return
		}
		if items, ok := m["items"].([]interface{}); ok {
			for _, it := range items {
				visit(it)
			}
		}
		if m["kind"] != "Service" {
			return
		}
		spec, _ := m["spec"].(map[string]interface{})
		if n, ok := spec["healthCheckNodePort"].(float64); ok {
			ports[int(n)] = true
		}
		list, _ := spec["ports"].([]interface{})
		for _, p := range list {
			if pm, ok := p.(map[string]interface{}); ok {
				if n, ok := pm["nodePort"].(float64); ok {
					ports[int(n)] = true
				}
			}
		}
	}
	for _, d := range docs {
		var v interface{}
		if yaml.Unmarshal(d.raw, &v) == nil {
			visit(v)
		}
	}
	return ports
}
