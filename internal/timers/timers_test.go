package timers_test

import (
	"testing"

	"github.com/concvet/concvet/internal/testutil"
	"github.com/concvet/concvet/internal/timers"
)

const src = `package p

import "time"

func f(d time.Duration) {
	t := time.NewTimer(d)
	tk := time.NewTicker(d)
	_ = time.After(d)
	t.Reset(d)
	tk.Stop()
	<-t.C
}
`

func TestFuncsAndMethods(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	calls := testutil.Calls(t, f, "f")
	for fun, want := range map[string]string{"time.NewTimer": "NewTimer", "time.NewTicker": "NewTicker", "time.After": "After"} {
		if got := timers.Func(info, calls[fun]); got != want {
			t.Errorf("Func(%s) = %q, want %q", fun, got, want)
		}
	}
	if name, r := timers.Method(info, calls["t.Reset"]); name != "Reset" || r.String() != "t" {
		t.Errorf("t.Reset: %s on %s", name, r)
	}
	if name, r := timers.Method(info, calls["tk.Stop"]); name != "Stop" || r.String() != "tk" {
		t.Errorf("tk.Stop: %s on %s", name, r)
	}
}
