package c

import (
	"context"
	"testing"
)

func TestLookup(t *testing.T) {
	ctx := context.Background()
	if lookup("k", ctx) != "k" {
		t.Fatal("lookup")
	}
}
