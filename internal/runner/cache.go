package runner

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// entryVersion changes when the form of an entry does, so that entries of
// another form are never read.
const entryVersion = 1

// entry is what the cache holds for one package: its findings (a root's),
// the facts it exports, or the error it does not type-check with.
type entry struct {
	Version     int
	Diagnostics map[string]json.RawMessage // analyzer name → as go vet -json prints it
	Facts       []byte                     // gob-encoded gobFacts
	Broken      *Broken
}

// gobFact is one fact of a package: about the object at ObjPath, or about
// the package when it is empty.
type gobFact struct {
	ObjPath string
	Fact    analysis.Fact
}

// A Cache keeps the runner's results in a directory, one file per package
// and mode, named by its key. Files are written whole (a temporary file,
// then a rename), so a reader sees an entry complete or not at all; an
// entry that cannot be read is a miss.
type Cache struct {
	dir string
}

// Entries unused for trimAge are removed, at most once per trimInterval,
// as the go command trims its build cache; an entry in use has its
// modification time refreshed at most once per touchInterval.
const (
	trimAge       = 5 * 24 * time.Hour
	trimInterval  = 24 * time.Hour
	touchInterval = time.Hour
)

// OpenCache returns the cache in dir, creating it, and trims it when it
// was last trimmed more than a day ago.
func OpenCache(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	c := &Cache{dir: dir}
	c.trim(time.Now())
	return c, nil
}

// trim removes the entries unused for trimAge.
func (c *Cache) trim(now time.Time) {
	mark := filepath.Join(c.dir, "trim.txt")
	if fi, err := os.Stat(mark); err == nil && now.Sub(fi.ModTime()) < trimInterval {
		return
	}
	filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == mark {
			return nil
		}
		if fi, err := d.Info(); err == nil && now.Sub(fi.ModTime()) > trimAge {
			os.Remove(path)
		}
		return nil
	})
	os.WriteFile(mark, []byte(now.Format(time.RFC3339)+"\n"), 0o666)
}

// DefaultCacheDir is concvet's directory in the user's cache directory.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "concvet", "runner"), nil
}

func (c *Cache) path(key [32]byte) string {
	h := hex.EncodeToString(key[:])
	return filepath.Join(c.dir, h[:2], h)
}

// get returns the entry under key, or nil.
func (c *Cache) get(key [32]byte) *entry {
	name := c.path(key)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var e entry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil || e.Version != entryVersion {
		return nil
	}
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > touchInterval {
		now := time.Now()
		os.Chtimes(name, now, now)
	}
	return &e
}

// put stores e under key. A failure to write loses only the entry: the
// next run analyses the package again.
func (c *Cache) put(key [32]byte, e *entry) {
	e.Version = entryVersion
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(e); err != nil {
		return
	}
	name := c.path(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
	}
}

func encodeFacts(facts []gobFact) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(facts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeFacts reads a package's cached facts, naming their objects in its
// types (checked afresh in this run).
func decodeFacts(n *node, data []byte) error {
	var facts []gobFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&facts); err != nil {
		return err
	}
	for _, f := range facts {
		if f.ObjPath == "" {
			n.pkgFacts[reflect.TypeOf(f.Fact)] = f.Fact
			continue
		}
		obj, err := objectpath.Object(n.types, objectpath.Path(f.ObjPath))
		if err != nil {
			return fmt.Errorf("object %s: %v", f.ObjPath, err)
		}
		n.objFacts[objectFactKey{obj, reflect.TypeOf(f.Fact)}] = f.Fact
	}
	return nil
}

// registerFactTypes tells gob the fact types of the analyzers and of those
// they require.
func registerFactTypes(list []*analysis.Analyzer) {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
		for _, req := range a.Requires {
			visit(req)
		}
	}
	for _, a := range list {
		visit(a)
	}
}
