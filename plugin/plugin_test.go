package plugin_test

import (
	"strings"
	"testing"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/plugin"
)

func names(t *testing.T, conf any) ([]string, error) {
	t.Helper()
	p, err := plugin.New(conf)
	if err != nil {
		return nil, err
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out, nil
}

func TestSettings(t *testing.T) {
	var defaults []string
	for _, e := range analyzers.Suite {
		if e.Default {
			defaults = append(defaults, e.Analyzer.Name)
		}
	}
	got, err := names(t, nil)
	if err != nil || strings.Join(got, ",") != strings.Join(defaults, ",") {
		t.Errorf("no settings: %v, %v; want the default suite %v", got, err, defaults)
	}
	got, err = names(t, map[string]any{"disable": []any{"wgdone"}})
	if err != nil || strings.Contains(strings.Join(got, ","), "wgdone") || len(got) != len(defaults)-1 {
		t.Errorf("disable wgdone: %v, %v", got, err)
	}

	if _, err := plugin.New(map[string]any{"options": map[string]any{"timeafterloop": map[string]any{"tests": "true"}}}); err != nil {
		t.Errorf("setting timeafterloop.tests: %v", err)
	}
	e, _ := analyzers.Lookup("timeafterloop")
	if got := e.Analyzer.Flags.Lookup("tests").Value.String(); got != "true" {
		t.Errorf("timeafterloop.tests = %s after the plugin set it", got)
	}
	e.Analyzer.Flags.Set("tests", "false")

	// golangci-lint hands over YAML's typed values: a boolean, not a string.
	if _, err := plugin.New(map[string]any{"options": map[string]any{"goleak": map[string]any{"main": true}}}); err != nil {
		t.Errorf("goleak main: true (a YAML boolean): %v", err)
	}
	g, _ := analyzers.Lookup("goleak")
	if got := g.Analyzer.Flags.Lookup("main").Value.String(); got != "true" {
		t.Errorf("goleak.main = %s after main: true", got)
	}
	g.Analyzer.Flags.Set("main", "false")
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"enable": []any{"nosuch"}}, `enable: unknown analyzer "nosuch"`},
		{map[string]any{"disable": []any{"nosuch"}}, `disable: unknown analyzer "nosuch"`},
		{map[string]any{"options": map[string]any{"nosuch": map[string]any{"x": "1"}}}, `options: unknown analyzer "nosuch"`},
		{map[string]any{"options": map[string]any{"wgadd": map[string]any{"nosuch": "1"}}}, `analyzer wgadd has no option "nosuch"`},
		{map[string]any{"enabel": []any{"wgadd"}}, `unknown key "enabel"`},
	} {
		if _, err := plugin.New(tc.conf); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v): error %v, want one containing %q", tc.conf, err, tc.want)
		}
	}
}
