import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, List, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ATTENDANCE } from '@xieshang/shared';
import { api, qs } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { EntryForm } from './EntryForm';
import { thisYear, yearOptions, type DutyRecord } from './api';
import './performance.css';

const attendanceLabel = (a: string) => ATTENDANCE[a as keyof typeof ATTENDANCE] ?? a;

/** 委员履职档案: a member's year — facts with links, points per rule, total and rank. Members see their own. */
export default function RecordPage() {
  const { id } = useParams();
  const { me, can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const year = Number(search.get('year')) || thisYear();
  const memberId = id ?? me?.memberId ?? '';
  const client = useQueryClient();
  const [entering, setEntering] = useState(false);
  const record = useQuery({
    queryKey: ['performance', 'record', memberId, year],
    queryFn: () => api.get<DutyRecord>(`/api/v1/performance/members/${memberId}/record${qs({ year })}`),
    enabled: Boolean(memberId),
  });
  if (!memberId) return <Empty description="本账号没有关联委员，没有履职档案" />;
  const r = record.data;
  const own = memberId === me?.memberId;
  return (
    <div className="xs-perf">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {own ? '我的履职档案' : `${r?.member.name ?? ''} 的履职档案`}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            <Select
              aria-label="年度"
              value={year}
              options={yearOptions()}
              onChange={(y) => setSearch({ year: String(y) })}
              style={{ width: 110 }}
            />
            {own && can('performance.entry.submit') && (
              <Button type="primary" onClick={() => setEntering(true)}>
                申报履职
              </Button>
            )}
          </Space>
        }
        loading={record.isLoading}
      >
        {record.error && <Alert type="error" title={(record.error as Error).message} />}
        {r && (
          <>
            <Space wrap size="large" className="xs-perf-summary">
              <Statistic title={`${year}年度积分`} value={r.total} />
              <Statistic title="名次" value={r.rank} suffix={`/ ${r.memberCount}`} />
              <Statistic title="达标分数线" value={r.threshold} />
            </Space>
            {r.belowThreshold && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                title={`积分低于 ${r.threshold} 分的达标线`}
                description="请积极参加活动、提交提案，完成履职作业并申报。"
              />
            )}
            {r.member.sectorName && <Typography.Paragraph type="secondary">界别：{r.member.sectorName}</Typography.Paragraph>}
          </>
        )}
      </Card>
      {r && (
        <>
          <Card title="积分明细" size="small">
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={r.kinds}
              columns={[
                { title: '项目', dataIndex: 'label' },
                { title: '次数', dataIndex: 'count', width: 60 },
                {
                  title: '积分',
                  dataIndex: 'points',
                  width: 110,
                  render: (v: number, k) => (
                    <>
                      {v}
                      {k.capped && (
                        <Tag style={{ marginLeft: 4 }} title={`未封顶为 ${k.raw} 分`}>
                          已封顶
                        </Tag>
                      )}
                    </>
                  ),
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} />
                  <Table.Summary.Cell index={2}>{r.total}</Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
          <Card title={`参加活动（${r.events.length}）`} size="small">
            {r.activityTypes.length > 0 && (
              <Space wrap style={{ marginBottom: 8 }}>
                {r.activityTypes.map((t) => (
                  <Tag key={t.typeName}>
                    {t.typeName}：出席 {t.attended}，请假 {t.leave}，缺席 {t.absent}
                  </Tag>
                ))}
              </Space>
            )}
            <List
              size="small"
              locale={{ emptyText: '本年度没有出勤记录' }}
              dataSource={r.events}
              renderItem={(e) => (
                <List.Item>
                  <Link to={e.link}>{e.title}</Link>
                  <span className="xs-perf-meta">
                    {e.startsAt.slice(0, 10)} · {e.typeName} ·{' '}
                    <Tag color={e.attendance === 'absent' ? 'red' : undefined}>{attendanceLabel(e.attendance)}</Tag>
                  </span>
                </List.Item>
              )}
            />
          </Card>
          {r.speeches.length > 0 && (
            <Card title={`会议发言（${r.speeches.length}）`} size="small">
              <List
                size="small"
                dataSource={r.speeches}
                renderItem={(s) => (
                  <List.Item>
                    <Link to={s.link}>{s.title}</Link>
                    <span className="xs-perf-meta">{s.eventTitle}</span>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card title={`提案（${r.proposals.length}）`} size="small">
            <List
              size="small"
              locale={{ emptyText: '本年度没有提案' }}
              dataSource={r.proposals}
              renderItem={(p) => (
                <List.Item>
                  <Link to={p.link}>{p.subject}</Link>
                  <span className="xs-perf-meta">
                    <Tag>{p.role === 'lead' ? '领衔' : '附议'}</Tag>
                    {p.registered && <Tag color="blue">已立案</Tag>}
                    {p.isKey && <Tag color="gold">重点</Tag>}
                    {p.isExcellent && <Tag color="green">优秀</Tag>}
                  </span>
                </List.Item>
              )}
            />
          </Card>
          <Card title={`社情民意（${r.opinions.length}）`} size="small">
            <List
              size="small"
              locale={{ emptyText: '本年度没有社情民意信息' }}
              dataSource={r.opinions}
              renderItem={(o) => (
                <List.Item>
                  <Link to={o.link}>{o.title}</Link>
                  <span className="xs-perf-meta">
                    <Tag>{o.statusLabel}</Tag>
                    {o.adoptions.map((a) => (
                      <Tag key={a.level} color="green">
                        {a.label}
                      </Tag>
                    ))}
                    {o.instructions > 0 && <Tag color="red">领导批示 {o.instructions}</Tag>}
                  </span>
                </List.Item>
              )}
            />
          </Card>
          <Card title={`其他履职（${r.entries.length}）`} size="small">
            <List
              size="small"
              locale={{ emptyText: '没有登记或申报的履职' }}
              dataSource={r.entries}
              renderItem={(e) => (
                <List.Item>
                  <Link to={e.link}>
                    {e.kindLabel}：{e.description}
                  </Link>
                  <span className="xs-perf-meta">
                    {e.date} · {e.points} 分 ·{' '}
                    <Tag color={e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : undefined}>{e.statusLabel}</Tag>
                  </span>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
      <EntryForm
        open={entering}
        forStaff={false}
        onClose={() => setEntering(false)}
        onDone={() => {
          setEntering(false);
          void client.invalidateQueries({ queryKey: ['performance'] });
        }}
      />
    </div>
  );
}
