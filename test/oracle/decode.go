package main

// Reading manifests: splitting multi-document YAML, and the API server's
// strict decoding of one document into its versioned Go type.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	yamlv3 "gopkg.in/yaml.v3"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	serjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
)

// doc is one YAML document of an input, as bytes plus what could be read of
// its identity before decoding.
type doc struct {
	source string
	index  int
	item   *int // index inside a kind: List document
	raw    []byte
	json   []byte // raw as JSON (YAML → JSON, not strict)
}

// splitDocuments returns the non-empty documents of a YAML or JSON stream;
// index counts every document separated by "---", empty ones included, so it
// points at the document's place in the file.
func splitDocuments(source string, r io.Reader) ([]doc, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReaderSize(r, 1<<20))
	var docs []doc
	for index := 0; ; index++ {
		raw, err := reader.Read()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if isBlank(raw) {
			continue
		}
		docs = append(docs, doc{source: source, index: index, raw: raw})
	}
}

// isBlank tells a document with nothing but comments, blank lines or
// document markers.
func isBlank(raw []byte) bool {
	for _, line := range bytes.Split(raw, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			continue
		}
		return false
	}
	return true
}

// identity is what a document says it is, read leniently.
type identity struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name         string `json:"name"`
		GenerateName string `json:"generateName"`
		Namespace    string `json:"namespace"`
	} `json:"metadata"`
	Items []json.RawMessage `json:"items"`
}

func readIdentity(j []byte) (identity, error) {
	var id identity
	var probe interface{}
	if err := json.Unmarshal(j, &probe); err != nil {
		return id, err
	}
	if _, ok := probe.(map[string]interface{}); !ok {
		return id, fmt.Errorf("a manifest must be an object, got %s", jsonKind(probe))
	}
	// Lenient: a wrongly typed metadata.name must not hide the document.
	var loose map[string]interface{}
	_ = json.Unmarshal(j, &loose)
	id.APIVersion, _ = loose["apiVersion"].(string)
	id.Kind, _ = loose["kind"].(string)
	if md, ok := loose["metadata"].(map[string]interface{}); ok {
		id.Metadata.Name, _ = md["name"].(string)
		id.Metadata.GenerateName, _ = md["generateName"].(string)
		id.Metadata.Namespace, _ = md["namespace"].(string)
	}
	if items, ok := loose["items"].([]interface{}); ok {
		for _, it := range items {
			b, _ := json.Marshal(it)
			id.Items = append(id.Items, b)
		}
	}
	return id, nil
}

func jsonKind(v interface{}) string {
	switch v.(type) {
	case nil:
		return "null"
	case []interface{}:
		return "a list"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}

var (
	yamlStrict = serjson.NewSerializerWithOptions(serjson.DefaultMetaFactory, legacyscheme.Scheme, legacyscheme.Scheme,
		serjson.SerializerOptions{Yaml: true, Strict: true})
	jsonStrict = serjson.NewSerializerWithOptions(serjson.DefaultMetaFactory, legacyscheme.Scheme, legacyscheme.Scheme,
		serjson.SerializerOptions{Yaml: false, Strict: true})
)

// decodeStrict decodes a document into its versioned type the way the API
// server's strict serializer does (fieldValidation=Strict, what kubectl
// sends). strictErrs lists unknown and duplicate fields; err is a fatal
// decoding error (wrong type, number out of range, ...).
func decodeStrict(d doc, gvk schema.GroupVersionKind) (obj runtime.Object, strictErrs []decodeProblem, err error) {
	ser := yamlStrict
	if d.item != nil {
		ser = jsonStrict
	}
	obj, _, err = ser.Decode(d.raw, &gvk, nil)
	if err == nil {
		return obj, nil, nil
	}
	se, ok := runtime.AsStrictDecodingError(err)
	if !ok {
		return nil, nil, err
	}
	for _, e := range se.Errors() {
		msg := e.Error()
		switch {
		case strings.Contains(msg, "already set in map"):
			// The YAML → JSON conversion saw a key twice; find where.
			dups := duplicateKeys(d.raw)
			if len(dups) == 0 {
				strictErrs = append(strictErrs, decodeProblem{kind: "DuplicateField", msg: msg})
			}
			for _, p := range dups {
				strictErrs = append(strictErrs, decodeProblem{kind: "DuplicateField", field: p,
					msg: fmt.Sprintf("duplicate field %q", p)})
			}
		case strings.HasPrefix(msg, "unknown field "):
			strictErrs = append(strictErrs, decodeProblem{kind: "UnknownField", field: quoted(msg), msg: msg})
		case strings.HasPrefix(msg, "duplicate field "):
			strictErrs = append(strictErrs, decodeProblem{kind: "DuplicateField", field: quoted(msg), msg: msg})
		default:
			strictErrs = append(strictErrs, decodeProblem{kind: "StrictDecodingError", msg: msg})
		}
	}
	return obj, strictErrs, nil
}

type decodeProblem struct {
	kind  string
	field string
	msg   string
}

func quoted(msg string) string {
	i := strings.IndexByte(msg, '"')
	if i < 0 {
		return ""
	}
	s, err := strconv.Unquote(msg[i:])
	if err != nil {
		return strings.Trim(msg[i:], `"`)
	}
	return s
}

// structField finds the path in encoding/json's "cannot unmarshal ... into
// Go struct field DeploymentSpec.spec.replicas of type int32".
var structField = regexp.MustCompile(`Go struct field [A-Za-z0-9_]+\.(\S+) of type`)

func decodeErrorField(err error) string {
	if m := structField.FindStringSubmatch(err.Error()); m != nil {
		return m[1]
	}
	return ""
}

// duplicateKeys lists, as field paths, the mapping keys a YAML document
// repeats (sigs.k8s.io/yaml only says "line N: key already set in map").
func duplicateKeys(raw []byte) []string {
	var root yamlv3.Node
	if err := yamlv3.Unmarshal(raw, &root); err != nil {
		return nil
	}
	var out []string
	var walk func(n *yamlv3.Node, path string)
	walk = func(n *yamlv3.Node, path string) {
		switch n.Kind {
		case yamlv3.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yamlv3.MappingNode:
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				p := k
				if path != "" {
					p = path + "." + k
				}
				if seen[k] {
					out = append(out, p)
				}
				seen[k] = true
				walk(n.Content[i+1], p)
			}
		case yamlv3.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(&root, "")
	return out
}
