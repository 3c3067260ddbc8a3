import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './public.css';

/**
 * The public portal (提案公开): published proposals and their replies, readable without an account.
 * Plain React and CSS only, so that the first page stays far below the 200 KB JavaScript budget.
 */
interface ListItem {
  id: string;
  termName: string;
  number: number | null;
  subject: string;
  category: string | null;
  kindLabel: string;
  statusLabel: string;
  proposers: string[];
  registeredAt: string | null;
}
interface Detail extends ListItem {
  body: { situation: string; analysis: string; suggestions: string };
  replies: { unitName: string; round: number; classLabel: string; body: string; date: string }[];
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const data = await response.json();
  if (!response.ok) throw new Error(data?.error?.message ?? '加载失败');
  return data as T;
}

function usePath(): [string, (to: string) => void] {
  const [path, setPath] = useState(window.location.pathname + window.location.search);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname + window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = (to: string) => {
    window.history.pushState(null, '', to);
    setPath(to);
    window.scrollTo(0, 0);
  };
  return [path, go];
}

const PAGE_SIZE = 20;

function ListPage({ go }: { go: (to: string) => void }) {
  const params = new URLSearchParams(window.location.search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const page = Number(params.get('page') ?? 1) || 1;
  const query = params.get('q') ?? '';
  const [data, setData] = useState<{ items: ListItem[]; total: number; totalCapped: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const search = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (query) search.set('q', query);
    getJson<{ items: ListItem[]; total: number; totalCapped: boolean }>(`/api/v1/public/proposals?${search}`).then(setData, (e: Error) =>
      setError(e.message),
    );
  }, [page, query]);
  const to = (p: number, text = query) => `/public?${new URLSearchParams({ ...(text ? { q: text } : {}), page: String(p) })}`;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  // Past the counted total (「1000+」) a full page means there may be more.
  const hasNext = data ? (data.totalCapped ? data.items.length === PAGE_SIZE : page < pages) : false;
  return (
    <>
      <form
        className="pp-search"
        onSubmit={(e) => {
          e.preventDefault();
          go(to(1, q.trim()));
        }}
      >
        <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="搜索案由" aria-label="搜索案由" />
        <button type="submit">搜索</button>
      </form>
      {error && <div className="pp-empty">{error}</div>}
      {data && data.items.length === 0 && <div className="pp-empty">暂无公开的提案</div>}
      {data?.items.map((p) => (
        <div className="pp-card" key={p.id}>
          <h2>
            <a
              href={`/public/proposals/${p.id}`}
              onClick={(e) => {
                e.preventDefault();
                go(`/public/proposals/${p.id}`);
              }}
            >
              {p.subject}
            </a>
          </h2>
          <div className="pp-meta">
            <span>
              {p.termName}
              {p.number ? ` 第 ${p.number} 号` : ''}
            </span>
            <span>提案人：{p.proposers.join('、')}</span>
            {p.category && <span className="pp-tag">{p.category}</span>}
            <span>{p.statusLabel}</span>
          </div>
        </div>
      ))}
      {data && data.total > PAGE_SIZE && (
        <div className="pp-pager">
          <button disabled={page <= 1} onClick={() => go(to(page - 1))}>
            上一页
          </button>
          <span>{data.totalCapped ? `第 ${page} 页，共 ${data.total}+ 件` : `第 ${page} / ${pages} 页，共 ${data.total} 件`}</span>
          <button disabled={!hasNext} onClick={() => go(to(page + 1))}>
            下一页
          </button>
        </div>
      )}
    </>
  );
}

function DetailPage({ id, go }: { id: string; go: (to: string) => void }) {
  const [p, setP] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<Detail>(`/api/v1/public/proposals/${id}`).then(setP, (e: Error) => setError(e.message));
  }, [id]);
  const back = (
    <a
      href="/public"
      onClick={(e) => {
        e.preventDefault();
        go('/public');
      }}
    >
      ← 返回列表
    </a>
  );
  if (error)
    return (
      <div className="pp-empty">
        {error}
        <p>{back}</p>
      </div>
    );
  if (!p) return <div className="pp-empty">加载中…</div>;
  return (
    <>
      <p>{back}</p>
      <div className="pp-card pp-body">
        <h2>{p.subject}</h2>
        <div className="pp-meta">
          <span>
            {p.termName}
            {p.number ? ` 第 ${p.number} 号` : ''}
          </span>
          <span>提案人：{p.proposers.join('、')}</span>
          {p.category && <span className="pp-tag">{p.category}</span>}
          <span>{p.kindLabel}</span>
          <span>{p.statusLabel}</span>
        </div>
        <h3>一、情况</h3>
        <p>{p.body.situation}</p>
        <h3>二、分析</h3>
        <p>{p.body.analysis}</p>
        <h3>三、建议</h3>
        <p>{p.body.suggestions}</p>
      </div>
      <div className="pp-card pp-body">
        <h2>办理答复</h2>
        {p.replies.length === 0 && <p>承办单位正在办理，答复后在此公开。</p>}
        {p.replies.map((r, i) => (
          <div className="pp-reply" key={i}>
            <div className="pp-meta">
              <span>{r.unitName}</span>
              <span className="pp-tag">{r.classLabel}</span>
              <span>{r.date}</span>
            </div>
            <p>{r.body}</p>
          </div>
        ))}
      </div>
    </>
  );
}

function PublicApp() {
  const [path, go] = usePath();
  const match = /^\/public\/proposals\/([0-9a-f-]{36})/.exec(path);
  return (
    <>
      <header className="pp-header">
        <h1>提案公开</h1>
        <p>政协委员提案及承办单位答复</p>
      </header>
      <main className="pp-main">{match ? <DetailPage id={match[1]} go={go} /> : <ListPage go={go} />}</main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
