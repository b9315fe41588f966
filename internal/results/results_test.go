package results

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func tree(t *testing.T, text string) map[string]map[string]json.RawMessage {
	t.Helper()
	var tr map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestAddAndPrint(t *testing.T) {
	s := New()
	diag := `{"category":"wgadd","posn":"/m/a.go:9:2","end":"/m/a.go:9:10","message":"m1","related":[
		{"posn":"/m/b.go:1:1","end":"/m/b.go:1:2","message":"started with go"},
		{"posn":"/m/b.go:5:1","end":"/m/b.go:5:2","message":"started with go"}]}`
	drain := `{"category":"cleanup","posn":"/m/a.go:3:1","end":"/m/a.go:3:5","message":"m2"}`
	// The package and its test variant report the same finding: it is kept once.
	err := s.Add(tree(t, `{
		"example.com/m": {"wgadd": [`+diag+`], "timerreset": [`+drain+`]},
		"example.com/m [example.com/m.test]": {"wgadd": [`+diag+`], "goleak": {"error": "boom"}}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	s.AddBroken("example.com/m/bad", "/m/bad/x.go:1:5", "undefined: y")
	s.AddBroken("example.com/m/bad", "/m/bad/x.go:1:5", "undefined: y")
	if len(s.Findings) != 2 || len(s.Failures) != 2 || !s.Broken() {
		t.Fatalf("findings %+v, failures %+v", s.Findings, s.Failures)
	}
	if s.Findings[0].Message != "m2" || s.Findings[0].Severity != "cleanup" || s.Findings[1].Severity != "bug" {
		t.Errorf("findings out of order or without severity: %+v", s.Findings)
	}

	var text bytes.Buffer
	s.PrintText(&text, TextOptions{Dir: "/m", Context: -1})
	want := `bad/x.go:1:5: undefined: y (load)
a.go:3:1: m2 (timerreset, cleanup)
a.go:9:2: m1 (wgadd)
	started with go at 2 places: b.go:1:1, b.go:5:1
`
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}

	var out bytes.Buffer
	if err := s.PrintJSON(&out); err != nil {
		t.Fatal(err)
	}
	var got map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got["example.com/m"]["timerreset"]), `"severity": "cleanup"`) ||
		!strings.Contains(string(got["example.com/m"]["goleak"]), `"error": "boom"`) ||
		!strings.Contains(string(got["example.com/m/bad"]["load"]), `/m/bad/x.go:1:5: undefined: y`) {
		t.Errorf("JSON:\n%s", out.String())
	}
}

func TestRelative(t *testing.T) {
	for _, tc := range []struct{ dir, file, want string }{
		{"/m", "/m/a.go", "a.go"},
		{"/m", "/m/sub/a.go", "sub/a.go"},
		{"/m/sub", "/m/a.go", "/m/a.go"},
		{"/m", "/mx/a.go", "/mx/a.go"},
		{"", "/m/a.go", "/m/a.go"},
		{"/m", "a.go", "a.go"},
	} {
		if got := Relative(tc.dir, tc.file); got != tc.want {
			t.Errorf("Relative(%q, %q) = %q, want %q", tc.dir, tc.file, got, tc.want)
		}
	}
}
