package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/concvet/concvet/analyzers"
)

// settingsKey is where concvet's settings sit in initializationOptions and
// in workspace/didChangeConfiguration's settings: {"concvet": {...}}.
const settingsKey = "concvet"

// vetFlags turns concvet's settings — the schema of the golangci-lint
// plugin's settings block, {"enable": [...], "disable": [...], "options":
// {analyzer: {flag: value}}} — into the analyzer flags of a go vet run. A
// null or absent object means the default suite.
//
// This is the one function that knows the schema, so that it can give way
// to a shared decoding of it.
func vetFlags(raw json.RawMessage) ([]string, error) {
	var s struct {
		Enable  []string                              `json:"enable"`
		Disable []string                              `json:"disable"`
		Options map[string]map[string]json.RawMessage `json:"options"`
	}
	if len(raw) > 0 && string(raw) != "null" {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&s); err != nil {
			return nil, fmt.Errorf("concvet settings: %v", err)
		}
	}
	on := make(map[string]bool)
	for _, e := range analyzers.Suite {
		on[e.Analyzer.Name] = e.Default
	}
	for _, name := range s.Enable {
		if _, ok := analyzers.Lookup(name); !ok {
			return nil, fmt.Errorf("concvet settings: enable: unknown analyzer %q", name)
		}
		on[name] = true
	}
	for _, name := range s.Disable {
		if _, ok := analyzers.Lookup(name); !ok {
			return nil, fmt.Errorf("concvet settings: disable: unknown analyzer %q", name)
		}
		on[name] = false
	}
	var flags []string
	someOn := false
	for _, e := range analyzers.Suite {
		flags = append(flags, fmt.Sprintf("-%s=%t", e.Analyzer.Name, on[e.Analyzer.Name]))
		someOn = someOn || on[e.Analyzer.Name]
	}
	if !someOn {
		return nil, fmt.Errorf("concvet settings: every analyzer is disabled")
	}
	for _, name := range slices.Sorted(maps.Keys(s.Options)) {
		e, ok := analyzers.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("concvet settings: options: unknown analyzer %q", name)
		}
		for _, flag := range slices.Sorted(maps.Keys(s.Options[name])) {
			f := e.Analyzer.Flags.Lookup(flag)
			if f == nil {
				return nil, fmt.Errorf("concvet settings: options: analyzer %s has no option %q", name, flag)
			}
			value, err := optionValue(s.Options[name][flag])
			if err != nil {
				return nil, fmt.Errorf("concvet settings: options: %s.%s: %v", name, flag, err)
			}
			// Check the value the way the vet tool will parse it, then
			// put the flag back: analyzers do not run in this process.
			old := f.Value.String()
			err = f.Value.Set(value)
			f.Value.Set(old)
			if err != nil {
				return nil, fmt.Errorf("concvet settings: options: %s.%s: %v", name, flag, err)
			}
			flags = append(flags, "-"+name+"."+flag+"="+value)
		}
	}
	return flags, nil
}

// optionValue accepts an option as a string, a boolean or a number.
func optionValue(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("want a string, a boolean or a number, not %s", raw)
}

// severity is the LSP severity of a diagnostic of the named analyzer with
// the given category: Warning for a bug, Information for a cleanup (see
// package internal/severity).
func severity(analyzer, category string) int {
	return analyzers.SeverityOf(analyzer, category).LSP()
}

// settingsOf returns the concvet object inside initializationOptions or a
// configuration's settings, and whether there was one.
func settingsOf(raw json.RawMessage) (json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	s, ok := m[settingsKey]
	return s, ok
}
