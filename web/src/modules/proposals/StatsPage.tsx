import { useMemo, useState } from 'react';
import { Button, Card, Col, InputNumber, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import { download } from './useProposals';

interface Tally {
  name: string;
  submitted: number;
  registered: number;
}
interface Stats {
  submitted: number;
  registered: number;
  registerRate: number;
  assigned: number;
  replied: number;
  replyRate: number;
  repliedOnTime: number;
  onTimeRate: number;
  satisfactionRate: number;
  classes: { classification: string; label: string; count: number }[];
  satisfaction: { satisfaction: string; label: string; count: number }[];
  byCategory: Tally[];
  bySector: Tally[];
  byParty: Tally[];
  byUnit: { unitId: string; name: string; assigned: number; replied: number; onTime: number; A: number; B: number; C: number }[];
}

const bar = (rows: Tally[]): ChartOption => ({
  tooltip: { trigger: 'axis' },
  legend: { data: ['提交', '立案'] },
  grid: { left: 8, right: 8, bottom: 8, containLabel: true },
  xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '提交', type: 'bar', data: rows.map((r) => r.submitted) },
    { name: '立案', type: 'bar', data: rows.map((r) => r.registered) },
  ],
});
const pie = (rows: { label: string; count: number }[]): ChartOption => ({
  tooltip: { trigger: 'item' },
  legend: { bottom: 0 },
  series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.map((r) => ({ name: r.label, value: r.count })) }],
});

/** 提案统计: 立案率, 办复率, A/B/C, satisfaction, by category, sector, party and unit. */
export default function StatsPage() {
  const [year, setYear] = useState<number | null>(null);
  const params = { year: year ?? undefined };
  const stats = useQuery({
    queryKey: ['proposals', 'stats', params],
    queryFn: () => api.get<Stats>(`/api/v1/proposals/stats${qs(params)}`),
  });
  const s = stats.data;
  const charts = useMemo(
    () => (s ? { category: bar(s.byCategory), sector: bar(s.bySector), classes: pie(s.classes), satisfaction: pie(s.satisfaction) } : null),
    [s],
  );
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          提案统计
        </Typography.Title>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber aria-label="年度" placeholder="全届" min={2000} max={2100} value={year} onChange={setYear} addonAfter="年" />
        <Button icon={<FileExcelOutlined />} onClick={() => download(`/api/v1/proposals/stats.xlsx${qs(params)}`)}>
          导出 Excel
        </Button>
      </Space>
      {!s || !charts ? (
        <Spin style={{ display: 'block', margin: 32 }} />
      ) : (
        <>
          <div className="xs-prop-stat-grid">
            <Statistic title="提交" value={s.submitted} />
            <Statistic title="立案" value={s.registered} />
            <Statistic title="立案率" value={s.registerRate} suffix="%" />
            <Statistic title="办复率" value={s.replyRate} suffix="%" />
            <Statistic title="按时答复率" value={s.onTimeRate} suffix="%" />
            <Statistic title="满意率（含基本满意）" value={s.satisfactionRate} suffix="%" />
          </div>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title="按类别">
                <Chart option={charts.category} label="按类别统计" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="按界别">
                <Chart option={charts.sector} label="按界别统计" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="答复分类">
                <Chart option={charts.classes} label="答复分类统计" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="满意度">
                <Chart option={charts.satisfaction} label="满意度统计" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="按承办单位" style={{ marginTop: 16 }}>
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              scroll={{ x: 560 }}
              dataSource={s.byUnit}
              columns={[
                { title: '单位', dataIndex: 'name' },
                { title: '交办', dataIndex: 'assigned' },
                { title: '答复', dataIndex: 'replied' },
                { title: '按时', dataIndex: 'onTime' },
                { title: 'A', dataIndex: 'A' },
                { title: 'B', dataIndex: 'B' },
                { title: 'C', dataIndex: 'C' },
              ]}
            />
          </Card>
          {s.byParty.length > 0 && (
            <Card size="small" title="按党派团体" style={{ marginTop: 16 }}>
              <Table
                rowKey="name"
                size="small"
                pagination={false}
                dataSource={s.byParty}
                columns={[
                  { title: '党派团体', dataIndex: 'name' },
                  { title: '提交', dataIndex: 'submitted' },
                  { title: '立案', dataIndex: 'registered' },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </Card>
  );
}
