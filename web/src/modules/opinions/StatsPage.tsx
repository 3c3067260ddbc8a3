import { useMemo, useState } from 'react';
import { Button, Card, Col, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import { download } from './useOpinions';

interface Tally {
  name: string;
  submitted: number;
  adopted: number;
}
interface Stats {
  year: number;
  submitted: number;
  accepted: number;
  adopted: number;
  declined: number;
  instructions: number;
  instructedReports: number;
  byLevel: { level: string; label: string; count: number }[];
  bySource: Tally[];
  byCategory: Tally[];
  bySector: Tally[];
  byParty: Tally[];
}

const bar = (rows: Tally[]): ChartOption => ({
  tooltip: { trigger: 'axis' },
  legend: { data: ['报送', '采用'] },
  grid: { left: 8, right: 8, bottom: 8, containLabel: true },
  xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '报送', type: 'bar', data: rows.map((r) => r.submitted) },
    { name: '采用', type: 'bar', data: rows.map((r) => r.adopted) },
  ],
});

const thisYear = new Date().getFullYear();

const TallyTable = ({ rows, name }: { rows: Tally[]; name: string }) => (
  <Table
    rowKey="name"
    size="small"
    pagination={false}
    dataSource={rows}
    columns={[
      { title: name, dataIndex: 'name' },
      { title: '报送', dataIndex: 'submitted' },
      { title: '采用', dataIndex: 'adopted' },
    ]}
  />
);

/** 社情民意统计: a year's reports — accepted, adopted per level, instructions — by category, source, sector and party. */
export default function StatsPage() {
  const [year, setYear] = useState(thisYear);
  const stats = useQuery({
    queryKey: ['opinions', 'stats', year],
    queryFn: () => api.get<Stats>(`/api/v1/opinions/stats${qs({ year })}`),
  });
  const s = stats.data;
  const charts = useMemo(() => (s ? { category: bar(s.byCategory), sector: bar(s.bySector) } : null), [s]);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          社情民意统计
        </Typography.Title>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }))}
          style={{ minWidth: 110 }}
        />
        <Button icon={<FileExcelOutlined />} onClick={() => download(`/api/v1/opinions/stats.xlsx${qs({ year })}`)}>
          导出 Excel
        </Button>
      </Space>
      {!s || !charts ? (
        <Spin style={{ display: 'block', margin: 32 }} />
      ) : (
        <>
          <div className="xs-op-stat-grid">
            <Statistic title="报送" value={s.submitted} />
            <Statistic title="受理" value={s.accepted} />
            <Statistic title="采用（篇）" value={s.adopted} />
            {s.byLevel.map((l) => (
              <Statistic key={l.level} title={l.label} value={l.count} />
            ))}
            <Statistic title="领导批示（次）" value={s.instructions} />
            <Statistic title="不予采用" value={s.declined} />
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
              <Card size="small" title="按来源">
                <TallyTable rows={s.bySource} name="来源" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="按党派团体">
                <TallyTable rows={s.byParty} name="党派团体" />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
