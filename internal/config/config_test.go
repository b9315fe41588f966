package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/concvet/concvet/analyzers"
)

func TestParseYAML(t *testing.T) {
	src := `# concvet settings
enable: [unboundedgo, "ctxfield"]
disable:
  - wgdone   # not today
options:
  goleak:
    main: true
  timeafterloop:
    tests: 'false'
`
	got, err := parseYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"enable":  []any{"unboundedgo", "ctxfield"},
		"disable": []any{"wgdone"},
		"options": map[string]any{
			"goleak":        map[string]any{"main": true},
			"timeafterloop": map[string]any{"tests": "false"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestParseYAMLErrors(t *testing.T) {
	for src, want := range map[string]string{
		"enable:\n\t- wgadd\n":         "2: indent with spaces",
		"enable: {a: b}\n":             "1: write mappings as indented blocks",
		"enable: &x [a]\n":             "anchors",
		"a: 1\na: 2\n":                 `2: key "a" repeated`,
		"a:\n  b: 1\n    c: 2\n":       "3: unexpected indentation",
		"enable: [a, b\n":              "1: unterminated list",
		"just words\n":                 "1: want key: value",
		"options:\n  x:\n    - a: b\n": "a mapping inside a list",
	} {
		if _, err := parseYAML([]byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseYAML(%q): error %v, want one containing %q", src, err, want)
		}
	}
}

func TestDecode(t *testing.T) {
	cfg, err := Decode(map[string]any{
		"enable":  []any{"unboundedgo"},
		"disable": []any{"wgdone"},
		"options": map[string]any{"goleak": map[string]any{"main": true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Options, map[string]map[string]string{"goleak": {"main": "true"}}) {
		t.Errorf("options %v", cfg.Options)
	}
	for _, e := range analyzers.Suite {
		want := e.Default
		switch e.Analyzer.Name {
		case "unboundedgo":
			want = true
		case "wgdone":
			want = false
		}
		if cfg.On(e) != want {
			t.Errorf("On(%s) = %t, want %t", e.Analyzer.Name, !want, want)
		}
	}
	var none *Config
	if e, _ := analyzers.Lookup("unboundedgo"); none.On(e) {
		t.Error("a nil config turns on an analyzer that is off by default")
	}

	for _, tc := range []struct {
		v    any
		want string
	}{
		{map[string]any{"enabel": []any{"wgadd"}}, `unknown key "enabel"`},
		{map[string]any{"enable": []any{"nosuch"}}, `enable: unknown analyzer "nosuch"`},
		{map[string]any{"enable": "wgadd"}, "enable: want a list of analyzer names"},
		{map[string]any{"options": map[string]any{"nosuch": map[string]any{}}}, `options: unknown analyzer "nosuch"`},
		{map[string]any{"options": map[string]any{"goleak": map[string]any{"nosuch": 1}}}, `analyzer goleak has no option "nosuch"`},
		{map[string]any{"options": map[string]any{"goleak": map[string]any{"main": "maybe"}}}, "options.goleak.main: "},
		{map[string]any{"options": map[string]any{"goleak": map[string]any{"main": []any{}}}}, "want a boolean, an integer or a string"},
		{map[string]any{"enable": []any{"wgadd"}, "disable": []any{"wgadd"}}, "both enabled and disabled"},
		{[]any{"wgadd"}, "want a mapping"},
	} {
		if _, err := Decode(tc.v); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Decode(%v): error %v, want one containing %q", tc.v, err, tc.want)
		}
	}
	// A rejected value leaves the option as it was.
	e, _ := analyzers.Lookup("goleak")
	if got := e.Analyzer.Flags.Lookup("main").Value.String(); got != "false" {
		t.Errorf("goleak.main = %s after a rejected configuration", got)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(sub); err != nil || got != "" {
		t.Errorf("Find without a file = %q, %v", got, err)
	}
	file := filepath.Join(root, FileName)
	if err := os.WriteFile(file, []byte("disable: [wgadd]\noptions:\n  goleak:\n    main: yes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(sub); err != nil || got != file {
		t.Errorf("Find = %q, %v; want %q", got, err, file)
	}
	// "yes" is a string to this subset, and not a value the flag takes.
	if _, err := Load(sub); err == nil || !strings.Contains(err.Error(), file+": options.goleak.main") {
		t.Errorf("Load: error %v, want one naming the file and the key", err)
	}
	if err := os.WriteFile(file, []byte("disable: [wgadd]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(sub)
	if err != nil || cfg.File != file || !reflect.DeepEqual(cfg.Disable, []string{"wgadd"}) {
		t.Errorf("Load = %+v, %v", cfg, err)
	}
}
