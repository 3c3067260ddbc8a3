import { useMemo } from 'react';
import { Card, Col, Empty, List, Row, Spin, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { PlanDashboardRow } from '@xieshang/shared';
import { api } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import type { Dashboard } from './types';

const COLORS = { done: '#52c41a', inProgress: '#1677ff', notStarted: '#bfbfbf', overdue: '#cf1322' };

/** Stacked bars of completion per row, with the overdue count beside them. */
function barOption(rows: PlanDashboardRow[], horizontal: boolean): ChartOption {
  const labels = rows.map((r) => r.label);
  const category = { type: 'category', data: labels, axisLabel: { width: 110, overflow: 'truncate', interval: 0 } };
  const value = { type: 'value', minInterval: 1 };
  const series = (name: string, key: keyof PlanDashboardRow, color: string, stack?: string) => ({
    name,
    type: 'bar',
    stack,
    data: rows.map((r) => r[key]),
    itemStyle: { color },
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      series('已完成', 'done', COLORS.done, 'status'),
      series('推进中', 'inProgress', COLORS.inProgress, 'status'),
      series('未开始', 'notStarted', COLORS.notStarted, 'status'),
      series('已逾期', 'overdue', COLORS.overdue),
    ],
  };
}

/** 落实情况: completion and overdue by department, by section and by month of deadline. */
export default function PlanDashboardPage() {
  const { id } = useParams();
  const data = useQuery({ queryKey: ['plan-dashboard', id], queryFn: () => api.get<Dashboard>(`/api/v1/plans/${id}/dashboard`) });
  const d = data.data;
  const options = useMemo(
    () =>
      d && {
        department: barOption(d.byDepartment, true),
        section: barOption(d.bySection, true),
        month: barOption(d.byMonth, false),
        pie: {
          tooltip: { trigger: 'item' },
          legend: { bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['40%', '70%'],
              data: [
                { name: '已完成', value: d.totals.done, itemStyle: { color: COLORS.done } },
                { name: '推进中', value: d.totals.inProgress, itemStyle: { color: COLORS.inProgress } },
                { name: '未开始', value: d.totals.notStarted, itemStyle: { color: COLORS.notStarted } },
              ],
            },
          ],
        },
      },
    [d],
  );
  if (data.isLoading) return <Spin />;
  if (!d || !options) return <Empty description={data.error?.message ?? '工作要点不存在'} />;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={<Link to={`/plan/${d.plan.id}`}>{d.plan.year} 年工作要点落实情况</Link>}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title="条目" value={d.totals.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已完成" value={d.totals.done} valueStyle={{ color: COLORS.done }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="推进中" value={d.totals.inProgress} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已逾期" value={d.totals.overdue} valueStyle={{ color: COLORS.overdue }} />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="完成情况">
          <Chart option={options.pie} label="完成情况" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按完成时限月份">
          <Chart option={options.month} label="按完成时限月份" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按主责部门">
          <Chart option={options.department} label="按主责部门" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按部分">
          <Chart option={options.section} label="按部分" />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={`逾期未完成（${d.overdueItems.length} 项，截至 ${d.today}）`}>
          <List
            dataSource={d.overdueItems}
            locale={{ emptyText: '没有逾期条目' }}
            renderItem={(i) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Link to={`/plan/items/${i.id}`}>
                      第 {i.no} 项：{i.content.slice(0, 40)}
                      {i.content.length > 40 ? '…' : ''}
                    </Link>
                  }
                  description={
                    <Typography.Text type="danger">
                      完成时限 {i.deadlineText}，{i.departments.map((x) => x.name).join('、')}，进度 {i.percent}%
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
