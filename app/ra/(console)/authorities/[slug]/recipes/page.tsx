import Link from "next/link";
import { loadRecipes } from "@/lib/mtls/loaders";
import { WEB_SERVERS, type RecipeBlock } from "@/lib/mtls";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n";
import { Alert } from "@/components/ui/Alert";
import { CopyBlock } from "@/components/mtls/CopyBlock";

const FIELDS = ["verify", "depth", "serverName", "listen", "upstream", "directory", "subjectO", "subjectC", "subjectOU", "schedule", "server"] as const;

const SERVER_TITLE = { nginx: "serverNginx", apache: "serverApache", iis: "serverIis", alb: "serverAlb" } as const;
const BLOCK_TITLE: Record<RecipeBlock["id"], keyof Messages["mtls"]> = {
  install: "blockInstall", config: "blockConfig", "sync-script": "blockSyncScript", cron: "blockCron", commands: "blockCommands", revocation: "blockRevocation", identity: "blockIdentity",
};

export default async function RecipesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const query = await searchParams;
  const fields = Object.fromEntries(FIELDS.map((f) => [f, [query[f]].flat()[0] ?? ""])) as Record<(typeof FIELDS)[number], string>;
  const data = await pageData(() => loadRecipes(slug, fields));
  const { t } = await getMessages();
  const m = t.mtls;
  const input = (name: (typeof FIELDS)[number], label: string, placeholder?: string) => (
    <div className="field">
      <label htmlFor={`recipe-${name}`}>{label}</label>
      <input type="text" id={`recipe-${name}`} name={name} defaultValue={fields[name]} placeholder={placeholder} />
    </div>
  );
  return (
    <>
      <p><Link href="/ra/authorities">{t.authorities.title}</Link> &gt; {slug}</p>
      <h1>{m.recipesTitle}: {data.authority.slug}</h1>
      <p>{m.recipesIntro}</p>
      <section className="panel">
        <dl className="info">
          <dt>{t.authorities.subject}</dt><dd className="mono">{data.authority.subject}</dd>
          <dt>{m.thumbprint}</dt><dd className="mono" data-testid="ca-thumbprint">{data.authority.sha1Thumbprint}</dd>
          <dt>{m.publicUrl}</dt><dd className="mono">{data.publicUrl}</dd>
        </dl>
      </section>
      {data.errors.map((e) => <Alert kind="error" key={e}>{e}</Alert>)}
      <form method="get" className="panel" aria-label={m.options}>
        <h2 style={{ marginTop: 0 }}>{m.options}</h2>
        <div className="grid2">
          <div className="field">
            <label htmlFor="recipe-verify">{m.verify}</label>
            <select id="recipe-verify" name="verify" defaultValue={fields.verify || "required"}>
              <option value="required">{m.verifyRequired}</option>
              <option value="optional">{m.verifyOptional}</option>
            </select>
          </div>
          {input("depth", m.depth)}
          {input("serverName", m.serverName, "www.example.local")}
          {input("listen", m.listen, "443")}
          {input("upstream", m.upstream, "http://127.0.0.1:8080")}
          {input("directory", m.directory, "/etc/nginx/inkan")}
          {input("subjectO", m.subjectO, "ABC CORPORATION")}
          {input("subjectC", m.subjectC, "JP")}
          {input("subjectOU", m.subjectOU)}
          {input("schedule", m.schedule, "17 * * * *")}
          {input("server", m.serverSerial)}
        </div>
        <button type="submit" className="btn primary">{m.apply}</button>
      </form>
      {WEB_SERVERS.map((server) => (
        <section key={server} className="panel" data-testid={`recipe-${server}`}>
          <h2 style={{ marginTop: 0 }}>{m[SERVER_TITLE[server]]}</h2>
          {data.recipes[server].blocks.map((block) => (
            <CopyBlock key={block.id} title={m[BLOCK_TITLE[block.id]]} path={block.path} text={block.text} labels={{ copy: m.copy, copied: m.copied }} testId={`recipe-${server}-${block.id}`} />
          ))}
        </section>
      ))}
    </>
  );
}
