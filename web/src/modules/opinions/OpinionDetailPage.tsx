import { useState } from 'react';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { formatTime } from '../../format';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { ActionDialog } from './ActionDialog';
import { OpinionBody, StatusTag } from './parts';
import type { AllowedAction, OpinionDetail } from './types';

const PRIMARY = ['submit', 'accept', 'adopt', 'instruct', 'close'];

/** One report: its text (edited and original), adoptions, forwards, instructions and follow-up, the timeline and my actions. */
export default function OpinionDetailPage() {
  const { id } = useParams();
  const [action, setAction] = useState<AllowedAction | null>(null);
  const query = useQuery({ queryKey: ['opinion', id], queryFn: () => api.get<OpinionDetail>(`/api/v1/opinions/${id}`) });
  if (query.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (query.error)
    return <Result status={(query.error as ApiError).status === 404 ? '404' : 'error'} title={(query.error as Error).message} />;
  const r = query.data!;
  const edited = r.versions.length > 0;
  const textTabs = [
    ...(edited
      ? [{ key: 'current', label: `编辑稿（第 ${r.versions.at(-1)!.version} 稿）`, children: <OpinionBody text={r.current} /> }]
      : []),
    {
      key: 'original',
      label: '原稿',
      children: (
        <>
          {edited && <Typography.Title level={5}>{r.original.title}</Typography.Title>}
          <OpinionBody text={r.original} />
        </>
      ),
    },
    ...r.versions.slice(0, -1).map((v) => ({
      key: `v${v.version}`,
      label: `第 ${v.version} 稿`,
      children: (
        <>
          <Typography.Title level={5}>{v.title}</Typography.Title>
          <OpinionBody text={v} />
        </>
      ),
    })),
  ];
  return (
    <div>
      <Card>
        <Space wrap size={4} style={{ marginBottom: 8 }}>
          <StatusTag status={r.status} label={r.statusLabel} />
          {r.adoptions.map((a) => (
            <Tag key={a.id} color="green">
              {a.levelLabel}
            </Tag>
          ))}
          {r.instructions.length > 0 && <Tag color="red">领导批示 {r.instructions.length}</Tag>}
        </Space>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {r.current.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={r.sourceLabel}>
            {r.sourceName}
            {r.coauthors.length > 0 && `（联名：${r.coauthors.map((c) => c.name).join('、')}）`}
          </Descriptions.Item>
          <Descriptions.Item label="类别">{r.category}</Descriptions.Item>
          {r.submittedAt && <Descriptions.Item label="报送时间">{formatTime(r.submittedAt)}</Descriptions.Item>}
          {r.declineReason && <Descriptions.Item label="不予采用理由">{r.declineReason}</Descriptions.Item>}
          {r.proposalId && (
            <Descriptions.Item label="来源">
              <Link to={`/proposals/${r.proposalId}`}>由提案转来</Link>
            </Descriptions.Item>
          )}
          {r.bulletins.length > 0 && (
            <Descriptions.Item label="编入专刊">
              {r.bulletins.map((b) => `《社情民意》${b.year}年第${b.number}期（${b.statusLabel}）`).join('、')}
            </Descriptions.Item>
          )}
        </Descriptions>
        {(r.allowedActions.length > 0 || r.canEdit) && (
          <div className="xs-op-actions" style={{ marginTop: 12 }}>
            {r.canEdit && (
              <Link to={`/opinions/${r.id}/edit`}>
                <Button>修改</Button>
              </Link>
            )}
            {r.allowedActions.map((a) => (
              <Button key={a.action} type={PRIMARY.includes(a.action) ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {a.label}
              </Button>
            ))}
          </div>
        )}
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={15}>
          <Card title="信息内容" size="small">
            <Tabs items={textTabs} />
            {r.files.length > 0 && (
              <Space wrap>
                {r.files.map((f) => (
                  <a key={f.id} href={`/api/v1/files/${f.id}`}>
                    <PaperClipOutlined /> {f.name}
                  </a>
                ))}
              </Space>
            )}
          </Card>
          {(r.adoptions.length > 0 || r.forwards.length > 0) && (
            <Card title="采用与报送" size="small" style={{ marginTop: 16 }}>
              {r.adoptions.map((a) => (
                <div key={a.id} style={{ marginBottom: 6 }} data-testid="opinion-adoption">
                  <Tag color="green">{a.levelLabel}</Tag>
                  {a.date}
                  {a.outlet ? `　${a.outlet}` : ''}
                </div>
              ))}
              {r.forwards.map((f) => (
                <div key={f.id} style={{ marginBottom: 6 }}>
                  <Tag color="blue">报送</Tag>
                  {f.date}　{f.target}
                </div>
              ))}
            </Card>
          )}
          {r.instructions.length > 0 && (
            <Card title="领导批示" size="small" style={{ marginTop: 16 }}>
              {r.instructions.map((i) => (
                <div key={i.id} style={{ marginBottom: 8 }} data-testid="opinion-instruction">
                  <Space wrap size={4}>
                    <Tag color="red">{i.levelLabel}</Tag>
                    <b>
                      {i.leaderName}
                      {i.leaderTitle ? `（${i.leaderTitle}）` : ''}
                    </b>
                    <span style={{ color: '#666' }}>{i.date}</span>
                  </Space>
                  <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{i.content}</p>
                </div>
              ))}
              {r.feedbacks.map((f) => (
                <div key={f.id} style={{ marginBottom: 8 }}>
                  <Tag color="cyan">落实情况</Tag>
                  {f.date}
                  <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{f.content}</p>
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title="办理记录" size="small">
            <HistoryTimeline history={r.history} />
            {r.history.length === 0 && <Typography.Text type="secondary">草稿，尚未报送</Typography.Text>}
          </Card>
        </Col>
      </Row>
      {action && <ActionDialog report={r} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}
