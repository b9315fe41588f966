package runner

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"
)

// TestCacheEntries checks that an entry reads back as written, that a
// corrupt or foreign one is a miss, and that trimming removes the entries
// unused for days and keeps the others.
func TestCacheEntries(t *testing.T) {
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old, fresh, corrupt := [32]byte{1}, [32]byte{2}, [32]byte{3}
	e := &entry{Diagnostics: map[string]json.RawMessage{"goleak": json.RawMessage(`[{"posn":"a.go:1:1"}]`)}, Facts: []byte{1, 2, 3}}
	c.put(old, e)
	c.put(fresh, &entry{Broken: &Broken{Package: "p", Posn: "p.go:1:1", Message: "undefined: x"}})
	c.put(corrupt, e)

	if got := c.get(old); got == nil || !reflect.DeepEqual(got.Diagnostics, e.Diagnostics) || string(got.Facts) != string(e.Facts) {
		t.Errorf("get = %+v, want %+v", got, e)
	}
	if got := c.get(fresh); got == nil || got.Broken == nil || got.Broken.Message != "undefined: x" {
		t.Errorf("get of a broken package's entry = %+v", got)
	}
	if err := os.WriteFile(c.path(corrupt), []byte("garbage"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := c.get(corrupt); got != nil {
		t.Errorf("a corrupt entry was read: %+v", got)
	}
	if got := c.get([32]byte{4}); got != nil {
		t.Errorf("a missing entry was read: %+v", got)
	}

	now := time.Now()
	long := now.Add(-2 * trimAge)
	if err := os.Chtimes(c.path(old), long, long); err != nil {
		t.Fatal(err)
	}
	c.trim(now) // trimmed when the cache was opened: not again within a day
	if _, err := os.Stat(c.path(old)); err != nil {
		t.Errorf("trimmed again within a day: %v", err)
	}
	c.trim(now.Add(trimInterval + time.Minute))
	if _, err := os.Stat(c.path(old)); !os.IsNotExist(err) {
		t.Errorf("an entry unused for %v was kept (%v)", 2*trimAge, err)
	}
	if c.get(fresh) == nil {
		t.Errorf("a fresh entry was trimmed")
	}
}
