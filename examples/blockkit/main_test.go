package main

import (
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func TestPostAndReadBackOffline(t *testing.T) {
	var out strings.Builder

	err := run(t.Context(), &out, "", "general", slacktest.New)

	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{
		`0. header "Release 2.4.0"`,
		`1. section "*Deploy finished* in 4m 12s", fields ["*Service* checkout" "*Region* eu-west-1"], button "Logs" (view_logs)`,
		`2. actions release_actions: button promote, button rollback, select notify of 2 options`,
		`3. context image CI, "Built by *ci-bot* from ` + "`a1b2c3d`" + `"`,
		`4. rich text: rich_text_section, bullet list of 2 items`,
		`5. table of 2 rows (numbers add up to 730)`,
	}
	if len(lines) != 2+len(want) || !strings.HasPrefix(lines[1], "posted to "+slacktest.GeneralID+", ts ") {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	for i, w := range want {
		if lines[2+i] != w {
			t.Errorf("line %d: %s\nwant    %s", 2+i, lines[2+i], w)
		}
	}
}

func TestTheReportIsValid(t *testing.T) {
	if err := report().Validate(slack.SurfaceMessage); err != nil {
		t.Fatal(err)
	}
}
