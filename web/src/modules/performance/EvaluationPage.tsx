import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Checkbox, Popconfirm, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Chart, type ChartOption } from '../../components/Chart';
import { thisYear, yearOptions, type Evaluation, type EvaluationRow } from './api';
import './performance.css';

interface Structure {
  sectors: { id: string; name: string }[];
  committees: { id: string; name: string }[];
}

/** 履职评价: the whole committee's points for a year, sortable, filtered, exported; members below the line flagged. */
export default function EvaluationPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const [sectorId, setSectorId] = useState<string>();
  const [committeeId, setCommitteeId] = useState<string>();
  const [belowOnly, setBelowOnly] = useState(false);
  const [order, setOrder] = useState<'desc' | 'asc'>('desc');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const selection = { year, sectorId, committeeId };
  const params = { ...selection, belowOnly: belowOnly ? 1 : undefined, order };
  const structure = useQuery({ queryKey: ['org', 'structure'], queryFn: () => api.get<Structure>('/api/v1/org/structure') });
  const evaluation = useQuery({
    queryKey: ['performance', 'evaluation', params, page, pageSize],
    queryFn: () => api.get<Evaluation>(`/api/v1/performance/evaluation${qs({ ...params, page, pageSize })}`),
  });
  const remind = useMutation({
    mutationFn: () => api.post<{ notified: number }>('/api/v1/performance/evaluation/remind', selection),
    onSuccess: (r) => message.success(`已向 ${r.notified} 位未达标委员发送履职提醒`),
    onError: (e: Error) => message.error(e.message),
  });
  const e = evaluation.data;
  const chart = useMemo<ChartOption>(
    () => ({
      tooltip: {},
      grid: { left: 40, right: 12, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: e?.distribution.map((b) => b.label) ?? [], name: '积分' },
      yAxis: { type: 'value', name: '人数', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data:
            e?.distribution.map((b) => ({ value: b.count, itemStyle: { color: b.from < (e?.threshold ?? 0) ? '#faad14' : '#1677ff' } })) ??
            [],
        },
      ],
    }),
    [e],
  );
  const reset = () => setPage(1);
  return (
    <div className="xs-perf">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            委员履职评价
          </Typography.Title>
        }
        extra={
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => window.location.assign(`/api/v1/performance/evaluation/export.xlsx${qs(params)}`)}
            >
              导出 Excel
            </Button>
            {can('performance.entry.manage') && (
              <Popconfirm
                title="向未达标的委员发送履职提醒？"
                description="按当前年度与筛选条件，积分低于达标线的委员会收到通知。"
                okText="发送"
                cancelText="取消"
                onConfirm={() => remind.mutate()}
              >
                <Button icon={<NotificationOutlined />} loading={remind.isPending}>
                  履职不达标提醒
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Space wrap className="xs-perf-filters">
          <Select aria-label="年度" value={year} options={yearOptions()} onChange={(y) => (setYear(y), reset())} style={{ width: 110 }} />
          <Select
            aria-label="界别"
            allowClear
            placeholder="全部界别"
            value={sectorId}
            onChange={(v) => (setSectorId(v), reset())}
            options={structure.data?.sectors.map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 150 }}
          />
          <Select
            aria-label="专委会"
            allowClear
            placeholder="全部专委会"
            value={committeeId}
            onChange={(v) => (setCommitteeId(v), reset())}
            options={structure.data?.committees.map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 170 }}
          />
          <Checkbox checked={belowOnly} onChange={(ev) => (setBelowOnly(ev.target.checked), reset())}>
            只看未达标
          </Checkbox>
        </Space>
        {e && (
          <Space wrap size="large">
            <Statistic title="委员" value={e.total} suffix="人" />
            <Statistic title="平均积分" value={e.average} />
            <Statistic title={`未达标（< ${e.threshold} 分）`} value={e.belowCount} suffix="人" />
          </Space>
        )}
        {e && e.total > 0 && <Chart option={chart} label="积分分布" />}
      </Card>
      <Card size="small">
        <Table<EvaluationRow>
          rowKey="memberId"
          size="small"
          loading={evaluation.isLoading}
          dataSource={e?.items}
          scroll={{ x: 760 }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setOrder(s?.order === 'ascend' ? 'asc' : 'desc');
            reset();
          }}
          pagination={{
            current: page,
            pageSize,
            total: e?.total,
            showSizeChanger: true,
            onChange: (p, size) => (setPage(p), setPageSize(size)),
          }}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 60 },
            {
              title: '姓名',
              dataIndex: 'name',
              width: 100,
              fixed: 'left',
              render: (v: string, r) => (
                <>
                  <Link to={`/performance/members/${r.memberId}?year=${year}`}>{v}</Link>
                  {r.belowThreshold && (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      未达标
                    </Tag>
                  )}
                </>
              ),
            },
            { title: '界别', dataIndex: 'sectorName', width: 120 },
            { title: '出席活动', dataIndex: 'attended', width: 80 },
            { title: '请假', dataIndex: 'leave', width: 60 },
            { title: '缺席', dataIndex: 'absent', width: 60 },
            {
              title: '提案（领衔/附议/立案）',
              key: 'proposals',
              width: 150,
              render: (_: unknown, r) => `${r.proposalsLead}/${r.proposalsCosign}/${r.proposalsRegistered}`,
            },
            {
              title: '社情民意（报送/采用）',
              key: 'opinions',
              width: 150,
              render: (_: unknown, r) => `${r.opinionsSubmitted}/${r.opinionsAdopted}`,
            },
            { title: '其他履职', dataIndex: 'other', width: 80 },
            {
              title: '积分',
              dataIndex: 'total',
              width: 80,
              sorter: true,
              sortOrder: order === 'asc' ? 'ascend' : 'descend',
              sortDirections: ['descend', 'ascend', 'descend'],
            },
          ]}
        />
      </Card>
    </div>
  );
}
